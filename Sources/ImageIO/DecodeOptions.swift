/// How a RAW file is turned into a `LinearImage`. Part of the decode recipe that keys the cache.
public struct DecodeOptions: Sendable, Hashable, Codable {
    /// Half-size demosaic (each 2×2 Bayer block becomes one pixel): four times less work and
    /// still far more pixels than the 224×224 the model sees.
    public var halfSize: Bool
    /// Refuse images whose decoded frame would exceed this many pixels (guards memory against
    /// files that declare absurd dimensions).
    public var maxPixels: Int

    public init(halfSize: Bool = true, maxPixels: Int = 250_000_000) {
        self.halfSize = halfSize
        self.maxPixels = maxPixels
    }

    /// The default: half size.
    public static let preview = DecodeOptions()
    /// Full-resolution demosaic.
    public static let fullSize = DecodeOptions(halfSize: false)
}
