/// Sebastiano Vigna's SplitMix64: a tiny seeded generator, used here to expand one 64-bit seed
/// into the state of `Xoshiro256StarStar` and to derive independent streams from a seed.
///
/// Same seed, same sequence, on every platform and Swift version: nothing here depends on the
/// standard library's own random algorithms.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits. O(1).
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// SplitMix64's output function: a bijective 64-bit hash, good for combining seeds.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
