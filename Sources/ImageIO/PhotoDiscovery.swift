import Foundation

/// Finds the photos to work on from the paths a user gave: files are taken as given, folders
/// are listed (and their subfolders too with `recursive`). RAW extensions are matched without
/// regard to case; JPEGs only when asked for. In folders, other files (sidecars, notes) are
/// passed over quietly; a file named explicitly that is not a photo, a missing path, an
/// unreadable folder or a name that is not valid UTF-8 is reported as a problem.
///
/// Symbolic links are followed, to files and to folders (libraries linked in from other disks);
/// the sidecar of a linked RAW goes next to the link, as Lightroom does. Every folder and photo
/// is taken once, by device and inode, so a link back up the tree cannot loop and a photo
/// reached through two paths is not learnt from or developed twice.
public struct PhotoDiscovery: Sendable {
    public var recursive: Bool
    public var includeJPEG: Bool
    /// The option that turns JPEGs on, named in the problem for a JPEG given explicitly
    /// (nil: the command takes RAWs only).
    public var jpegOption: String?

    public init(recursive: Bool = false, includeJPEG: Bool = false, jpegOption: String? = "--include-jpeg") {
        self.recursive = recursive
        self.includeJPEG = includeJPEG
        self.jpegOption = jpegOption
    }

    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    public struct Found: Sendable, Equatable {
        /// Photos in a stable order: by folder, then by name.
        public var photos: [URL]
        public var problems: [Problem]
        /// What was passed over on purpose and a user should hear of: folders reached a second
        /// time (a loop of links), photos reached through a second path.
        public var notices: [Problem] = []
    }

    public func find(_ paths: [String]) -> Found {
        var walk = Walk(discovery: self)
        for path in paths {
            let url = URL(fileURLWithPath: path)
            var info = stat()
            do throws(Errno) {
                try systemCall { stat(url.path, &info) }
            } catch {
                let reason = Self.unreachable(path, code: error.code)
                walk.found.problems.append(Problem(path: Self.argumentAsTyped(path), reason: reason))
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                walk.list(url)
            } else if let reason = rejection(of: url) {
                walk.found.problems.append(Problem(path: path, reason: reason))
            } else {
                walk.take(url)
            }
        }
        return walk.found
    }

    /// Why a file is not taken as a photo, or nil when it is one.
    func rejection(of url: URL) -> String? {
        if RawFileTypes.isRaw(url) { return nil }
        if PhotoDecoder.isJPEG(url) {
            if includeJPEG { return nil }
            return "a JPEG" + (jpegOption.map { " (pass \($0) to develop JPEGs)" } ?? ", not a RAW file")
        }
        return "not a RAW file (.\(url.pathExtension))"
    }

    /// Why `path` cannot be reached, in words: a dangling link and an argument whose bytes were
    /// not UTF-8 (Swift hands those over repaired, so the file cannot be found) are told apart.
    static func unreachable(_ path: String, code: Int32) -> String {
        var link = stat()
        if lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
            return code == ELOOP ? "a loop of symbolic links" : "a symbolic link to a file that does not exist"
        }
        if path.unicodeScalars.contains("\u{FFFD}") {
            return "the name is not valid UTF-8, which AutoTone cannot open; rename the file or folder"
        }
        return code == ENOENT ? "no such file or folder" : String(cString: strerror(code))
    }

    /// `path` as the user typed it: Swift repairs an argument that is not UTF-8 to U+FFFD, so
    /// the process's own argument bytes are looked up and shown escaped (`Ren\xe9e.CR2`).
    static func argumentAsTyped(_ path: String) -> String {
        guard path.unicodeScalars.contains("\u{FFFD}") else { return path }
        for index in 0..<Int(CommandLine.argc) {
            guard let argument = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeRawBufferPointer(start: argument, count: strlen(argument)).map { $0 }
            if String(validating: bytes, as: UTF8.self) == nil, String(decoding: bytes, as: UTF8.self) == path {
                return FolderListing.escaped(bytes)
            }
        }
        return path
    }

    /// One walk over the paths: what was found and every node already taken.
    private struct Walk {
        let discovery: PhotoDiscovery
        var found = Found(photos: [], problems: [])
        var seenFolders = Set<FileSystemIdentity>()
        var seenPhotos: [FileSystemIdentity: String] = [:]

        mutating func take(_ url: URL) {
            guard let identity = FileSystemIdentity(url.path) else { return }
            if let first = seenPhotos[identity] {
                if first != url.path { found.notices.append(Problem(path: url.path, reason: "the same file as \(first); taken once")) }
                return
            }
            seenPhotos[identity] = url.path
            found.photos.append(url)
        }

        mutating func list(_ folder: URL) {
            guard let identity = FileSystemIdentity(folder.path) else { return }
            guard seenFolders.insert(identity).inserted else {
                found.notices.append(Problem(path: folder.path, reason: "a folder already searched (a link back into the tree); not searched again"))
                return
            }
            let entries: [FolderListing.Entry]
            do {
                entries = try FolderListing.entries(of: folder.path)
            } catch {
                found.problems.append(Problem(path: folder.path, reason: "cannot read the folder: \(error.cause)"))
                return
            }
            var subfolders: [URL] = []
            var files: [URL] = []
            for entry in entries where entry.bytes.first != 0x2E {  // hidden names start with "."
                guard let name = entry.name else {
                    if wouldBeTaken(entry, in: folder) {
                        found.problems.append(Problem(
                            path: folder.path + "/" + entry.printableName,
                            reason: "the name is not valid UTF-8, which AutoTone cannot open; rename it"))
                    }
                    continue
                }
                let url = folder.appendingPathComponent(name)
                var info = stat()
                do throws(Errno) {
                    try systemCall { stat(url.path, &info) }
                } catch {
                    if discovery.rejection(of: url) == nil {
                        found.problems.append(Problem(path: url.path, reason: PhotoDiscovery.unreachable(url.path, code: error.code)))
                    }
                    continue
                }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: subfolders.append(url)
                case S_IFREG where discovery.rejection(of: url) == nil: files.append(url)
                default: continue
                }
            }
            for file in files.sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) { take(file) }
            if discovery.recursive {
                for subfolder in subfolders.sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) { list(subfolder) }
            }
        }

        /// True when an entry whose name is not UTF-8 is a folder a recursive walk would enter,
        /// or a file whose extension is a photo's: those are worth a problem, anything else not.
        private func wouldBeTaken(_ entry: FolderListing.Entry, in folder: URL) -> Bool {
            var path = Array(folder.path.utf8) + [0x2F] + entry.bytes
            path.append(0)
            var info = stat()
            let reached = path.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { stat($0.baseAddress!, &info) == 0 }
            }
            guard reached else { return false }
            if info.st_mode & S_IFMT == S_IFDIR { return discovery.recursive }
            let ext = String(decoding: entry.bytes.split(separator: 0x2E).last ?? [], as: UTF8.self).lowercased()
            return RawFileTypes.extensions.contains(ext) || (discovery.includeJPEG && ["jpg", "jpeg"].contains(ext))
        }
    }
}
