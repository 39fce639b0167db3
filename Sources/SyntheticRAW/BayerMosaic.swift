/// Raw sensor data behind a 2×2 colour filter array, as a camera writes it: one unsigned
/// integer per photosite, between `blackLevel` (no light) and `whiteLevel` (clipped).
public struct BayerMosaic: Sendable, Equatable {
    /// The colour of each photosite in a 2×2 tile, row-major: 0 = red, 1 = green, 2 = blue.
    public enum Pattern: Sendable, Equatable {
        case rggb, grbg, gbrg, bggr

        public var colours: [UInt8] {
            switch self {
            case .rggb: [0, 1, 1, 2]
            case .grbg: [1, 0, 2, 1]
            case .gbrg: [1, 2, 0, 1]
            case .bggr: [2, 1, 1, 0]
            }
        }

        /// The filter colour at photosite (x, y).
        @inline(__always)
        public func colour(x: Int, y: Int) -> Int {
            // Without building `colours`: this runs once per photosite.
            let index = (y & 1) * 2 + (x & 1)
            switch self {
            case .rggb: return index == 0 ? 0 : index == 3 ? 2 : 1
            case .grbg: return index == 1 ? 0 : index == 2 ? 2 : 1
            case .gbrg: return index == 2 ? 0 : index == 1 ? 2 : 1
            case .bggr: return index == 3 ? 0 : index == 0 ? 2 : 1
            }
        }
    }

    public let width: Int
    public let height: Int
    public let pattern: Pattern
    public let blackLevel: UInt16
    public let whiteLevel: UInt16
    /// `width * height` photosite values, row-major.
    public var values: [UInt16]

    public init(width: Int, height: Int, pattern: Pattern, blackLevel: UInt16, whiteLevel: UInt16, values: [UInt16]) {
        precondition(width > 0 && height > 0 && width.isMultiple(of: 2) && height.isMultiple(of: 2),
                     "a Bayer mosaic needs positive, even dimensions")
        precondition(values.count == width * height, "a Bayer mosaic needs width * height values")
        precondition(blackLevel < whiteLevel, "the black level must lie below the white level")
        self.width = width
        self.height = height
        self.pattern = pattern
        self.blackLevel = blackLevel
        self.whiteLevel = whiteLevel
        self.values = values
    }
}
