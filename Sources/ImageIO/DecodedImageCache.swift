import Foundation

/// A disk cache of shrunk linear images (steps 1–2 of the `PreprocessRecipe`), the expensive
/// part of turning a RAW into network input.
///
/// An entry is keyed by the file's identity (path, size, modification time, hash of the first
/// and last MiB) and the recipe's cache identity. It stores its full key, its shape and a
/// checksum of its data; an entry that does not match in every respect is ignored and
/// rebuilt, never trusted. Entries are written atomically, so concurrent readers see either
/// the old entry, the new one, or none.
public struct DecodedImageCache: Sendable {
    public let directory: URL

    private static let magic = Array("ATTC0001".utf8)

    public init(directory: URL = DecodedImageCache.defaultDirectory) {
        self.directory = directory
    }

    /// `$XDG_CACHE_HOME/autotone/tensors`, else `~/.cache/autotone/tensors`
    /// (`~/Library/Caches/AutoTone/tensors` on macOS).
    public static var defaultDirectory: URL {
        let environment = ProcessInfo.processInfo.environment
        #if os(macOS)
        let base = FileManager.default.urls(for: .cachesDirectory, in: .userDomainMask)[0]
            .appendingPathComponent("AutoTone")
        #else
        let base = environment["XDG_CACHE_HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        #endif
        return base.appendingPathComponent("autotone").appendingPathComponent("tensors")
    }

    /// The result of a cache lookup-or-build.
    public struct Entry: Sendable {
        public var image: LinearImage
        public var fromCache: Bool
        /// Decoding's metadata and timings, when the file had to be decoded.
        public var decoded: (metadata: PhotoMetadata, timings: DecodeTimings)?
    }

    /// The shrunk linear image for `url`, from the cache when a valid entry exists, otherwise
    /// decoded, shrunk and stored. A cache that cannot be written (read-only, full) does not
    /// fail the decode.
    public func shrunkImage(for url: URL, preprocessor: Preprocessor) throws -> Entry {
        let identity = try FileIdentity(url: url)
        let key = identity.key + "|" + preprocessor.recipe.cacheIdentity
        let file = entryURL(forKey: key)
        if let image = read(file, key: key, size: preprocessor.recipe.inputSize) {
            return Entry(image: image, fromCache: true, decoded: nil)
        }
        let photo = try PhotoDecoder.decodeShrunk(url, recipe: preprocessor.recipe)
        let small = photo.image
        try? write(small, key: key, to: file)
        return Entry(image: small, fromCache: false, decoded: (photo.metadata, photo.timings))
    }

    func entryURL(forKey key: String) -> URL {
        directory.appendingPathComponent(String(format: "%016llx", FNV1a.hash(key)) + ".attc")
    }

    /// Layout: magic, key length (UInt32 LE), key (UTF-8), width and height (UInt32 LE),
    /// width·height·3 Float32 LE, FNV-1a of everything before it (UInt64 LE).
    private func write(_ image: LinearImage, key: String, to file: URL) throws {
        var data = Data(Self.magic)
        let keyBytes = Array(key.utf8)
        data.appendLittleEndian(UInt32(keyBytes.count))
        data.append(contentsOf: keyBytes)
        data.appendLittleEndian(UInt32(image.width))
        data.appendLittleEndian(UInt32(image.height))
        for value in image.pixels { data.appendLittleEndian(value.bitPattern) }
        var hasher = FNV1a()
        data.withUnsafeBytes { hasher.combine($0) }
        data.appendLittleEndian(hasher.value)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try data.write(to: file, options: .atomic)
    }

    private func read(_ file: URL, key: String, size: Int) -> LinearImage? {
        guard let data = try? Data(contentsOf: file), data.count > Self.magic.count + 24 else { return nil }
        return data.withUnsafeBytes { bytes -> LinearImage? in
            var reader = LittleEndianReader(bytes: bytes)
            guard reader.bytes(Self.magic.count).map(Array.init) == Self.magic,
                  let keyLength = reader.uint32(), let keyBytes = reader.bytes(Int(keyLength)),
                  String(decoding: keyBytes, as: UTF8.self) == key,
                  let width = reader.uint32(), let height = reader.uint32(),
                  Int(width) == size, Int(height) == size
            else { return nil }
            let count = Int(width) * Int(height) * 3
            guard bytes.count == reader.offset + count * 4 + 8 else { return nil }
            var hasher = FNV1a()
            hasher.combine(UnsafeRawBufferPointer(rebasing: bytes[0..<(reader.offset + count * 4)]))
            var pixels = [Float](repeating: 0, count: count)
            for index in 0..<count {
                guard let bits = reader.uint32() else { return nil }
                pixels[index] = Float(bitPattern: bits)
            }
            guard reader.uint64() == hasher.value, pixels.allSatisfy({ $0.isFinite }) else { return nil }
            return LinearImage(width: Int(width), height: Int(height), pixels: pixels)
        }
    }
}

private extension Data {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}

/// Reads little-endian integers from a byte buffer, returning nil past its end.
private struct LittleEndianReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    mutating func bytes(_ count: Int) -> UnsafeRawBufferPointer.SubSequence? {
        guard count >= 0, offset + count <= bytes.count else { return nil }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func uint32() -> UInt32? {
        bytes(4).map { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
    }

    mutating func uint64() -> UInt64? {
        bytes(8).map { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
    }
}
