import Foundation

/// Checks that a path names a readable, non-empty regular file before a decoder touches it, so
/// a missing path, a folder or an empty file each get their own error.
enum RegularFile {
    /// Returns the file's size in bytes.
    @discardableResult
    static func validate(path: String) throws -> Int {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DecodeError.fileNotFound(path: path)
        }
        guard !isDirectory.boolValue else { throw DecodeError.notAFile(path: path) }
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw DecodeError.ioError(path: path, detail: error.localizedDescription)
        }
        guard (attributes[.type] as? FileAttributeType) == .typeRegular else {
            throw DecodeError.notAFile(path: path)
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size > 0 else { throw DecodeError.emptyFile(path: path) }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw DecodeError.ioError(path: path, detail: "permission denied")
        }
        return size
    }

    /// Reads the whole file and returns why reading failed, or nil when every byte reads.
    static func readFailure(path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count == 0 { return nil }
            if count < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
        }
    }
}
