import Foundation

/// Checks that a path names a readable, non-empty regular file before a decoder touches it, so
/// a missing path, a folder or an empty file each get their own error.
enum RegularFile {
    /// Returns the file's size in bytes. Symbolic links are followed: a RAW linked in from
    /// another disk is a regular file like any other.
    @discardableResult
    static func validate(path: String) throws -> Int {
        var info = stat()
        do throws(Errno) {
            try systemCall { stat(path, &info) }
        } catch {
            var link = stat()
            let plainMiss = error.code == ENOENT && lstat(path, &link) != 0 && !path.unicodeScalars.contains("\u{FFFD}")
            if plainMiss { throw DecodeError.fileNotFound(path: path) }
            throw DecodeError.ioError(path: path, detail: PhotoDiscovery.unreachable(path, code: error.code))
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw DecodeError.notAFile(path: path) }
        guard info.st_size > 0 else { throw DecodeError.emptyFile(path: path) }
        guard access(path, R_OK) == 0 else {
            throw DecodeError.ioError(path: path, detail: "permission denied")
        }
        return Int(info.st_size)
    }

    /// Fills `buffer` with the file's first `buffer.count` bytes; throws `DecodeError.ioError`
    /// naming the file when it cannot be read or ends sooner (it changed since it was sized).
    static func readAll(path: String, into buffer: UnsafeMutableRawBufferPointer) throws {
        do {
            let fd = try systemCall { open(path, O_RDONLY) }
            defer { close(fd) }
            var filled = 0
            while filled < buffer.count {
                let count = try systemCall { read(fd, buffer.baseAddress! + filled, buffer.count - filled) }
                if count == 0 {
                    throw DecodeError.ioError(path: path, detail: "the file became shorter while it was read")
                }
                filled += count
            }
        } catch let error as Errno {
            throw DecodeError.ioError(path: path, detail: error.description)
        }
    }

    /// Reads the whole file and returns why reading failed, or nil when every byte reads.
    static func readFailure(path: String) -> String? {
        do throws(Errno) {
            let fd = try systemCall { open(path, O_RDONLY) }
            defer { close(fd) }
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            while try systemCall({ buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) } }) > 0 {}
            return nil
        } catch {
            return error.description
        }
    }
}
