/// 64-bit FNV-1a: a small, fast, non-cryptographic hash for cache keys and checksums, where the
/// point is noticing change and corruption, not resisting an attacker.
public struct FNV1a: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
    }

    public mutating func combine(_ buffer: UnsafeRawBufferPointer) {
        var hash = value
        for byte in buffer {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        value = hash
    }

    public static func hash(_ string: String) -> UInt64 {
        var hasher = FNV1a()
        hasher.combine(string.utf8)
        return hasher.value
    }
}
