import Foundation

/// What identifies a file's content cheaply: its path, size, modification time and a hash of
/// its first and last MiB. A file edited in place, replaced or truncated gets a new identity.
public struct FileIdentity: Equatable, Sendable {
    public var path: String
    public var size: Int
    public var modificationNanoseconds: Int64
    public var contentHash: UInt64

    static let sampledBytes = 1 << 20

    public init(url: URL) throws {
        let path = url.standardizedFileURL.path
        let size = try RegularFile.validate(path: path)
        var info = stat()  // follows links: a linked RAW is known by its target's time
        let modified = stat(path, &info) == 0 ? Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec) : 0
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DecodeError.ioError(path: path, detail: "cannot open the file")
        }
        defer { try? handle.close() }
        var hasher = FNV1a()
        do {
            // Through a raw buffer: Data as a generic sequence costs ten times more per byte.
            (try handle.read(upToCount: Self.sampledBytes) ?? Data()).withUnsafeBytes { hasher.combine($0) }
            if size > Self.sampledBytes {
                try handle.seek(toOffset: UInt64(max(Self.sampledBytes, size - Self.sampledBytes)))
                (try handle.readToEnd() ?? Data()).withUnsafeBytes { hasher.combine($0) }
            }
        } catch {
            throw DecodeError.ioError(path: path, detail: error.localizedDescription)
        }
        self.path = path
        self.size = size
        self.modificationNanoseconds = modified
        self.contentHash = hasher.value
    }

    /// Path, size, modification time and content hash: what the decoded-image cache trusts.
    var key: String {
        "\(path)|\(size)|\(modificationNanoseconds)|\(String(contentHash, radix: 16))"
    }

    /// Size and content hash only, e.g. `7523286-9b1c0d2e4f5a6b7c`: the same for a copy or a
    /// moved file, different for an edited one. What a sidecar records to say which RAW its
    /// prediction was made for.
    public var contentFingerprint: String {
        "\(size)-" + String(format: "%016llx", contentHash)
    }
}
