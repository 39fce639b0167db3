import Foundation

/// A folder's entries read with `readdir`, as the bytes the file system holds, so a name that
/// is not valid UTF-8 (`Ren\xe9e.CR2`, from an old camera or a Windows tool) is reported by its
/// bytes instead of vanishing, as it does from Foundation's listing.
public enum FolderListing {
    public struct Entry: Sendable, Equatable {
        /// The name's bytes.
        public var bytes: [UInt8]
        /// The name, or nil when its bytes are not valid UTF-8 (AutoTone cannot open such paths).
        public var name: String?

        /// The name for messages: invalid bytes as `\xNN`.
        public var printableName: String { name ?? FolderListing.escaped(bytes) }
    }

    /// The entries of `path` except `.` and `..`, unsorted. Throws the `errno` of the failure.
    public static func entries(of path: String) throws(FileSystemError) -> [Entry] {
        guard let directory = opendir(path) else { throw FileSystemError(path: path, code: errno) }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { throw FileSystemError(path: path, code: errno) }
                return entries
            }
            let bytes = withUnsafeBytes(of: &entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            entries.append(Entry(bytes: bytes, name: String(validating: bytes, as: UTF8.self)))
        }
    }

    /// `bytes` as text, with every byte outside printable ASCII, and every byte of an invalid
    /// sequence, written `\xNN`.
    public static func escaped(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return bytes.map { (0x20..<0x7F).contains($0) && $0 != 0x5C ? String(UnicodeScalar($0)) : String(format: "\\x%02x", $0) }
            .joined()
    }
}
