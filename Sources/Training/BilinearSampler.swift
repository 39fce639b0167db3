import ImageIO

/// Where each output pixel of a geometric augmentation is read from in its source image.
///
/// Coordinates are in source pixels with pixel centres on integers: (0, 0) is the centre of
/// the top-left pixel and (width − 1, height − 1) that of the bottom-right one.
public struct SamplingGrid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// Source x of output pixel (x, y) at `y * width + x`.
    public var sourceX: [Float]
    /// Source y of output pixel (x, y) at `y * width + x`.
    public var sourceY: [Float]

    public init(width: Int, height: Int, sourceX: [Float], sourceY: [Float]) {
        precondition(sourceX.count == width * height && sourceY.count == width * height,
                     "a sampling grid needs one source position per output pixel")
        self.width = width
        self.height = height
        self.sourceX = sourceX
        self.sourceY = sourceY
    }

    /// A grid filled from `position(x, y)` for every output pixel.
    public init(width: Int, height: Int, position: (_ x: Int, _ y: Int) -> (x: Float, y: Float)) {
        var sourceX = [Float](repeating: 0, count: width * height)
        var sourceY = sourceX
        sourceX.withUnsafeMutableBufferPointer { xs in
            sourceY.withUnsafeMutableBufferPointer { ys in
                for y in 0..<height {
                    for x in 0..<width {
                        let point = position(x, y)
                        xs[y * width + x] = point.x
                        ys[y * width + x] = point.y
                    }
                }
            }
        }
        self.init(width: width, height: height, sourceX: sourceX, sourceY: sourceY)
    }
}

/// Bilinear resampling of a linear image along a `SamplingGrid`.
///
/// Border rule: a source position is clamped to the image ([0, width − 1] × [0, height − 1])
/// before interpolating, so anything outside takes the colour of the nearest edge pixel
/// ("replicate"). Black or constant fill would change the photo's brightness statistics, which
/// the exposure label depends on; replicated edges change them least. Positions on integer
/// coordinates return the pixel exactly.
public enum BilinearSampler {
    /// The image resampled along `grid`: output pixel (x, y) is `image` at the grid's source
    /// position. O(output pixels).
    public static func sample(_ image: LinearImage, along grid: SamplingGrid) -> LinearImage {
        let width = image.width, height = image.height
        let maxX = Float(width - 1), maxY = Float(height - 1)
        var output = [Float](repeating: 0, count: grid.width * grid.height * 3)
        image.pixels.withUnsafeBufferPointer { source in
            grid.sourceX.withUnsafeBufferPointer { xs in
                grid.sourceY.withUnsafeBufferPointer { ys in
                    output.withUnsafeMutableBufferPointer { target in
                        // Wrapping arithmetic: every index is in bounds by the clamping above it,
                        // and unchecked arithmetic keeps the loop free of overflow traps.
                        let from = source.baseAddress!, to = target.baseAddress!
                        for index in 0..<(grid.width * grid.height) {
                            // Clamped so that NaN becomes 0 and infinities the nearest edge.
                            let x = xs[index] > 0 ? min(xs[index], maxX) : 0, y = ys[index] > 0 ? min(ys[index], maxY) : 0
                            let x0 = Int(x), y0 = Int(y)  // non-negative, so truncation is floor
                            let x1 = x0 < width - 1 ? x0 &+ 1 : x0, y1 = y0 < height - 1 ? y0 &+ 1 : y0
                            let fx = x - Float(x0), fy = y - Float(y0)
                            let p00 = from + (y0 &* width &+ x0) &* 3, p01 = from + (y0 &* width &+ x1) &* 3
                            let p10 = from + (y1 &* width &+ x0) &* 3, p11 = from + (y1 &* width &+ x1) &* 3
                            let out = to + index &* 3
                            for channel in 0..<3 {
                                let top = p00[channel] + fx * (p01[channel] - p00[channel])
                                let bottom = p10[channel] + fx * (p11[channel] - p10[channel])
                                out[channel] = top + fy * (bottom - top)
                            }
                        }
                    }
                }
            }
        }
        return LinearImage(width: grid.width, height: grid.height, pixels: output)
    }
}
