/// A display-referred image: sRGB-encoded RGB in 0…1, Float32, interleaved like ``LinearImage``.
/// What a person looks at: renderings, previews, what the network sees after the tone curve.
public struct DisplayImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// `width * height * 3` values in 0…1: pixel (x, y) channel c is at `(y * width + x) * 3 + c`.
    public var pixels: [Float]

    public init(width: Int, height: Int, pixels: [Float]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height * 3,
                     "DisplayImage needs width * height * 3 values")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// 8-bit sRGB, interleaved RGB, rounded to nearest.
    public func rgb8() -> [UInt8] {
        pixels.map { UInt8(min(max($0, 0), 1) * 255 + 0.5) }
    }

    /// Mean squared difference of the encoded values over all pixels and channels: the
    /// image-space error between two renderings of the same size.
    public func meanSquaredError(to other: DisplayImage) -> Double {
        precondition(width == other.width && height == other.height, "images differ in size")
        var sum = 0.0
        for index in pixels.indices {
            let difference = Double(pixels[index] - other.pixels[index])
            sum += difference * difference
        }
        return sum / Double(pixels.count)
    }
}
