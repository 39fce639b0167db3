/// Summary figures of an image's values per channel, for `autotone inspect`.
public struct ChannelStatistics: Sendable, Codable, Equatable {
    public var mean: Float
    public var p1: Float
    public var p50: Float
    public var p99: Float
}

public struct ImageStatistics: Sendable, Codable, Equatable {
    /// Red, green, blue.
    public var channels: [ChannelStatistics]
    /// Clipping, judged on the linear values.
    public var clipping: ClippingShares

    /// Figures over the tone-encoded image; clipping is judged on `linear`, the same image
    /// before tone encoding.
    public init(encoded values: DisplayImage, linear: LinearImage) {
        precondition(values.width == linear.width && values.height == linear.height)
        let count = values.width * values.height
        channels = (0..<3).map { channel in
            var samples = [Float](repeating: 0, count: count)
            var sum: Double = 0
            for pixel in 0..<count {
                let value = values.pixels[pixel * 3 + channel]
                samples[pixel] = value
                sum += Double(value)
            }
            samples.sort()
            func percentile(_ p: Double) -> Float {
                samples[min(count - 1, Int((p / 100 * Double(count - 1)).rounded()))]
            }
            return ChannelStatistics(mean: Float(sum / Double(count)), p1: percentile(1),
                                     p50: percentile(50), p99: percentile(99))
        }
        clipping = ClippingShares(linear: linear)
    }
}

/// How much of a linear image sits at either end of the sensor's range.
public struct ClippingShares: Sendable, Codable, Equatable {
    /// Share of pixels with at least one channel at the clipping level (≥ 0.999 linear).
    public var clipped: Double
    /// Share of pixels with every channel at or below 1/4096 linear (crushed to black).
    public var black: Double

    public init(linear: LinearImage) {
        var clipped = 0, black = 0
        linear.pixels.withUnsafeBufferPointer { pixels in
            for index in stride(from: 0, to: pixels.count, by: 3) {
                let brightest = max(pixels[index], pixels[index + 1], pixels[index + 2])
                if brightest >= 0.999 { clipped += 1 }
                if brightest <= 1.0 / 4096 { black += 1 }
            }
        }
        let count = Double(linear.width * linear.height)
        self.clipped = Double(clipped) / count
        self.black = Double(black) / count
    }
}
