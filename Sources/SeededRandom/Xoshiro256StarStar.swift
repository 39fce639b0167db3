/// The xoshiro256** generator (Blackman and Vigna): the module's seeded generator.
///
/// Fast (a few shifts and rotations per 64 bits) with a 2²⁵⁶ − 1 period; seeded through
/// `SplitMix64` as its authors recommend, so any seed, including 0, gives a good state.
/// Same seed, same sequence, bit for bit.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64

    /// A generator whose whole state is derived from `seed`.
    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next()
        s1 = seeder.next()
        s2 = seeder.next()
        s3 = seeder.next()
    }

    /// An independent generator for one part of a run (an epoch, a photo, a fold) derived from
    /// the run's seed and the part's numbers, so work split across threads draws the same
    /// numbers whatever the order it runs in.
    public init(seed: UInt64, stream: [UInt64]) {
        var combined = SplitMix64.mix(seed)
        for part in stream {
            combined = SplitMix64.mix(combined ^ SplitMix64.mix(part &+ 0x632B_E59B_D9B4_E019))
        }
        self.init(seed: combined)
    }

    /// The next 64 random bits. O(1).
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    @inline(__always)
    private func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }
}
