import Foundation

/// A point in an atomic write where tests can stop it, to prove a failure leaves the old file.
public protocol AtomicWriteHooks: Sendable {
    /// Called after the temporary file is complete and synced, just before the rename.
    /// Throwing stops the write: the temporary file is removed, the old file stays.
    func beforeRename(temporary: URL, destination: URL) throws
}

/// The default: no interruption.
public struct NoAtomicWriteHooks: AtomicWriteHooks {
    public init() {}
    public func beforeRename(temporary: URL, destination: URL) throws {}
}

/// Replaces a file so that readers see either the old or the new bytes, never a mix.
///
/// The new bytes go to a temporary file in the same folder (so the rename cannot cross file
/// systems), are flushed with `fsync`, get the old file's permissions (and owner, when allowed),
/// and are renamed over the old file; the folder is synced after. Any failure removes the
/// temporary file and leaves the old one as it was.
public struct AtomicFileWriter: Sendable {
    /// Keep a copy of the file being replaced as `NAME.xmp.bak`. An existing backup is never
    /// overwritten, so it holds the file as it was before AutoTone first changed it.
    public var makeBackup: Bool
    /// Where tests interrupt the write.
    public var hooks: any AtomicWriteHooks

    public init(makeBackup: Bool = false, hooks: any AtomicWriteHooks = NoAtomicWriteHooks()) {
        self.makeBackup = makeBackup
        self.hooks = hooks
    }

    /// The backup path for `url`.
    public static func backupURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + ".bak")
    }

    /// Writes `data` to `url` atomically. Returns the backup's URL when one was made.
    /// Throws `SidecarWriteError`.
    @discardableResult
    public func write(_ data: Data, to url: URL) throws -> URL? {
        let destination = url.resolvingSymlinksInPath()
        let folder = destination.deletingLastPathComponent().path
        var existing = stat()
        let exists = stat(destination.path, &existing) == 0

        var template = Array((folder + "/" + AtomicTemporaryName.template(replacing: destination.lastPathComponent)).utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else {
            let code = errno
            if code == EACCES || code == EROFS || code == EPERM {
                throw SidecarWriteError.folderNotWritable(path: url.deletingLastPathComponent().path)
            }
            throw SidecarWriteError.io(path: folder, operation: "creating a temporary file", code: code)
        }
        let temporaryPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let temporary = URL(fileURLWithPath: temporaryPath)
        var closed = false
        var renamed = false
        defer {
            if !closed { close(fd) }
            if !renamed { unlink(temporaryPath) }
        }

        // Failures name the file being replaced: the temporary file is gone by the time anyone
        // reads the message, and the old file is what the user cares about.
        let unchanged = exists ? " (the old file is unchanged)" : ""
        try writeAll(data, to: fd, path: destination.path, operation: "writing" + unchanged)
        let mode = exists ? existing.st_mode & 0o7777 : 0o644
        try check(fchmod(fd, mode), temporaryPath, "setting permissions")
        if exists && (existing.st_uid != geteuid() || existing.st_gid != getegid()) {
            _ = fchown(fd, existing.st_uid, existing.st_gid)  // allowed only for root; best effort
        }
        try check(fsync(fd), destination.path, "flushing" + unchanged)
        closed = true
        try check(close(fd), destination.path, "closing" + unchanged)

        do {
            try hooks.beforeRename(temporary: temporary, destination: destination)
        } catch {
            throw SidecarWriteError.interrupted(path: destination.path, reason: "\(error)")
        }

        var backup: URL?
        if makeBackup && exists {
            backup = try copyForBackup(destination)
        }
        try check(rename(temporaryPath, destination.path), destination.path, "renaming the temporary file")
        renamed = true
        let folderFD = open(folder, O_RDONLY)
        if folderFD >= 0 {
            _ = fsync(folderFD)  // makes the rename durable; some file systems refuse, harmless
            close(folderFD)
        }
        return backup
    }

    /// Copies `url` to its backup path unless a backup already exists.
    private func copyForBackup(_ url: URL) throws -> URL {
        let backup = Self.backupURL(for: url)
        let fd = open(backup.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        if fd < 0 {
            let code = errno
            var info = stat()
            if code == EEXIST {
                if lstat(backup.path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG { return backup }
                // A link or folder in the backup's place: no backup can be kept, so no change is made.
                throw SidecarWriteError.io(path: backup.path, operation: "keeping the backup (a link or folder has its name)",
                                           code: code)
            }
            throw SidecarWriteError.io(path: backup.path, operation: "creating the backup", code: code)
        }
        defer { close(fd) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            unlink(backup.path)
            throw SidecarWriteError.io(path: url.path, operation: "reading for the backup", code: EIO)
        }
        do {
            try writeAll(data, to: fd, path: backup.path)
            try check(fsync(fd), backup.path, "flushing the backup")
        } catch {
            unlink(backup.path)
            throw error
        }
        return backup
    }

    private func writeAll(_ data: Data, to fd: Int32, path: String, operation: String = "writing") throws {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw SidecarWriteError.io(path: path, operation: operation, code: errno)
                }
                offset += written
            }
        }
    }

    private func check(_ result: Int32, _ path: String, _ operation: String) throws {
        if result != 0 { throw SidecarWriteError.io(path: path, operation: operation, code: errno) }
    }
}
