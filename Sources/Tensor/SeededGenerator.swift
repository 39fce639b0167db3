import SeededRandom

/// The seeded generator for initialisations and dropout masks: xoshiro256** seeded through
/// SplitMix64 (one implementation for the whole package, in `SeededRandom`), so the same seed
/// gives the same run bit for bit on every platform.
public typealias SeededGenerator = Xoshiro256StarStar
