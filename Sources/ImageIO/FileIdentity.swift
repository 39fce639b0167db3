import Foundation

/// What identifies a file's content cheaply: its path, size, modification time and a hash of
/// its first and last MiB. A file edited in place, replaced or truncated gets a new identity.
struct FileIdentity: Equatable {
    var path: String
    var size: Int
    var modificationNanoseconds: Int64
    var contentHash: UInt64

    static let sampledBytes = 1 << 20

    init(url: URL) throws {
        let path = url.standardizedFileURL.path
        let size = try RegularFile.validate(path: path)
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let modified = (attributes?[.modificationDate] as? Date) ?? .distantPast
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DecodeError.ioError(path: path, detail: "cannot open the file")
        }
        defer { try? handle.close() }
        var hasher = FNV1a()
        do {
            hasher.combine(try handle.read(upToCount: Self.sampledBytes) ?? Data())
            if size > Self.sampledBytes {
                try handle.seek(toOffset: UInt64(max(Self.sampledBytes, size - Self.sampledBytes)))
                hasher.combine(try handle.readToEnd() ?? Data())
            }
        } catch {
            throw DecodeError.ioError(path: path, detail: error.localizedDescription)
        }
        self.path = path
        self.size = size
        self.modificationNanoseconds = Int64((modified.timeIntervalSince1970 * 1e9).rounded())
        self.contentHash = hasher.value
    }

    var key: String {
        "\(path)|\(size)|\(modificationNanoseconds)|\(String(contentHash, radix: 16))"
    }
}
