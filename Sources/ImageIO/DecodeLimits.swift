import Foundation

/// Limits on one RAW decode, so a hostile or damaged file costs bounded memory and time.
///
/// Not part of `DecodeOptions`: limits never change the pixels of a file that decodes, so they
/// must not change the recipe stored with a model or the cache keys built from it.
public struct DecodeLimits: Sendable, Equatable {
    /// The most memory LibRaw may allocate for the raw sensor data (`max_raw_memory_mb`).
    /// The largest sensors sold (about 150 MP at 16 bits) need about 300 MB; LibRaw's own
    /// default is 2 GB, which a file declaring absurd dimensions would get before failing.
    public var rawMemoryMB: Int
    /// Wall-clock seconds after which the decode is cancelled. LibRaw only asks between its
    /// stages (open, unpack, each demosaic step), so a decode stops at the first stage boundary
    /// after the limit, not at the limit itself.
    public var seconds: Double

    public init(rawMemoryMB: Int = 512, seconds: Double = 60) {
        self.rawMemoryMB = rawMemoryMB
        self.seconds = seconds
    }

    /// What every decode uses unless told otherwise: a real RAW decodes in well under a second.
    public static let standard = DecodeLimits()
}
