import Foundation
import ImageIO

/// Keeps two `autotone predict` runs out of one folder at a time: an exclusive `flock` on
/// `FOLDER/.autotone.lock`, held for the whole run, with the holder's process id inside so a
/// waiting run can say whom it waits for.
///
/// Each sidecar is replaced atomically anyway, so two runs could not tear a file; but both
/// would plan from the same old sidecar and the second rename would silently drop the first
/// run's merge. One run per folder makes the second plan from the first one's result.
///
/// The file is removed on release, while still locked. A run that opened the file just before
/// and then gets the lock would hold a lock on a removed file, so `acquire` checks that the
/// file it locked is still the one at the path and otherwise tries again. After a crash the
/// kernel drops the lock and the file stays, empty of meaning: the next run takes it over.
///
/// The lock file is opened with `O_NOFOLLOW` and checked with `fstat` before anything is written
/// into it: anyone who can write into a shared folder could otherwise plant a link named
/// `.autotone.lock` (symbolic or hard) and have a user's run truncate the file it points to. A
/// lock path that is not a plain, private, small file of its own is refused, not used.
public final class FolderLock {
    public static let fileName = ".autotone.lock"

    public let folder: URL
    private let fd: Int32

    private init(folder: URL, fd: Int32) {
        self.folder = folder
        self.fd = fd
    }

    deinit {
        unlink(Self.path(in: folder))
        close(fd)
    }

    static func path(in folder: URL) -> String { folder.appendingPathComponent(fileName).path }

    public enum Attempt {
        case acquired(FolderLock)
        /// Another process holds the lock; `holder` is its id when it wrote one.
        case busy(holder: pid_t?)
        /// No lock file can be made here (read-only folder or file system). Nothing can be
        /// written here either, so the run goes on without a lock and each write says why.
        case unavailable(reason: String)
        /// Something that is not a lock file of ours sits at the lock's path (a link, a folder,
        /// a file with other links or content): the folder is not worked in, and nothing is written.
        case refused(reason: String)
    }

    /// Largest lock file taken over: ours hold a process id and a newline.
    static let largestLockFile = 32

    /// One try, without waiting.
    public static func tryAcquire(_ folder: URL) -> Attempt {
        let path = path(in: folder)
        while true {
            let fd: Int32
            do throws(Errno) {
                fd = try systemCall { open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644) }
            } catch {
                if [ELOOP, EISDIR, ENXIO].contains(error.code) {
                    return .refused(reason: "\(path) is not a lock file (a link, a folder or a device); "
                                    + "AutoTone does not write through it: remove it to work in this folder")
                }
                return .unavailable(reason: error.description)
            }
            var opened = stat()
            guard fstat(fd, &opened) == 0, opened.st_mode & S_IFMT == S_IFREG, opened.st_nlink == 1,
                  opened.st_size <= off_t(largestLockFile) else {
                close(fd)
                return .refused(reason: "\(path) is not a lock file of AutoTone's (another file, or a link to one); "
                                + "left untouched: remove it to work in this folder")
            }
            do throws(Errno) {
                try systemCall { flock(fd, LOCK_EX | LOCK_NB) }
            } catch {
                let holder = readHolder(fd)
                close(fd)
                return error.code == EWOULDBLOCK ? .busy(holder: holder) : .unavailable(reason: error.description)
            }
            var locked = stat(), current = stat()
            guard fstat(fd, &locked) == 0, stat(path, &current) == 0,
                  locked.st_dev == current.st_dev, locked.st_ino == current.st_ino else {
                close(fd)  // the previous holder removed this file as we locked it: take the new one
                continue
            }
            let pid = Array("\(getpid())\n".utf8)
            // Best effort: on a full disk the lock holds without the id.
            if ftruncate(fd, 0) == 0 { _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } }
            return .acquired(FolderLock(folder: folder, fd: fd))
        }
    }

    /// Waits up to `timeout` seconds (forever when infinite) for the lock, polling, so that
    /// `cancellation` (Ctrl-C) ends the wait. `waiting` is told once, when the folder is busy.
    public static func acquire(_ folder: URL, timeout: Double, cancellation: CancellationFlag,
                               waiting: (pid_t?) -> Void) -> Attempt {
        let start = Date()
        var told = false
        while true {
            let attempt = tryAcquire(folder)
            guard case .busy(let holder) = attempt else { return attempt }
            if !told {
                waiting(holder)
                told = true
            }
            if cancellation.isCancelled || Date().timeIntervalSince(start) >= timeout { return attempt }
            usleep(100_000)
        }
    }

    private static func readHolder(_ fd: Int32) -> pid_t? {
        var buffer = [UInt8](repeating: 0, count: 16)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return pid_t(String(decoding: buffer.prefix(count), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
