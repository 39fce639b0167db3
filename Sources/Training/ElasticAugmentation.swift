import SeededRandom
import ImageIO

/// Elastic distortion (Simard et al. 2003): every pixel is read from a position displaced by a
/// smooth random field, so straight lines wobble gently.
///
/// The field is drawn as Gaussian noise on a coarse grid (one point every `gridStep` pixels),
/// smoothed with a Gaussian of `smoothness` pixels (SciPy's reflect border, see
/// `GaussianKernel`), interpolated bilinearly to every pixel, then scaled so that each
/// component's root mean square is `displacement` pixels. Working on the coarse grid keeps the
/// draw cheap; at σ of several grid steps the result is as smooth as smoothing every pixel.
public struct ElasticAugmentation: Augmentation {
    /// Root mean square of each component of the displacement, in pixels.
    public var displacement: Double
    /// Standard deviation of the smoothing Gaussian, in pixels.
    public var smoothness: Double
    /// Spacing of the coarse noise grid, in pixels.
    public var gridStep: Int

    public var name: String { "elastic" }

    public init(displacement: Double = 2, smoothness: Double = 16, gridStep: Int = 4) {
        precondition(displacement >= 0 && smoothness > 0 && gridStep > 0, "elastic parameters must be positive")
        self.displacement = displacement
        self.smoothness = smoothness
        self.gridStep = gridStep
    }

    /// Per-pixel displacement: output pixel (x, y) reads the source at (x + dx, y + dy).
    public struct Parameters: Sendable, Equatable {
        public let width: Int
        public let height: Int
        /// dx of pixel (x, y) at `y * width + x`, in pixels.
        public var dx: [Float]
        /// dy of pixel (x, y) at `y * width + x`, in pixels.
        public var dy: [Float]

        public init(width: Int, height: Int, dx: [Float], dy: [Float]) {
            precondition(dx.count == width * height && dy.count == width * height, "one displacement per pixel")
            self.width = width
            self.height = height
            self.dx = dx
            self.dy = dy
        }
    }

    /// Takes one 64-bit seed from `generator` and draws the field's thousands of normal values
    /// from a local xoshiro256** seeded with it: as reproducible, and fast even when called
    /// through `any Augmentation`, where the generator's type is not known at compile time.
    public func draw(for sample: TrainingSample, using generator: inout some RandomNumberGenerator) -> Parameters {
        let width = sample.image.width, height = sample.image.height
        var local = Xoshiro256StarStar(seed: generator.next())
        let dx = drawComponent(width: width, height: height, using: &local)
        let dy = drawComponent(width: width, height: height, using: &local)
        return Parameters(width: width, height: height, dx: dx, dy: dy)
    }

    /// One smooth component of the field, per pixel, with RMS `displacement`.
    private func drawComponent(width: Int, height: Int, using generator: inout Xoshiro256StarStar) -> [Float] {
        let coarseWidth = (width - 1) / gridStep + 2, coarseHeight = (height - 1) / gridStep + 2
        var coarse = (0..<(coarseWidth * coarseHeight)).map { _ in Float(generator.nextGaussian()) }
        let kernel = GaussianKernel(sigma: smoothness / Double(gridStep))
        coarse.withUnsafeMutableBufferPointer { kernel.filterImage($0, width: coarseWidth, height: coarseHeight, channels: 1) }
        var field = [Float](repeating: 0, count: width * height)
        let step = Float(gridStep)
        coarse.withUnsafeBufferPointer { grid in
            field.withUnsafeMutableBufferPointer { target in
                for y in 0..<height {
                    let gy = Float(y) / step, y0 = Int(gy), fy = gy - Float(y0)
                    let upper = y0 * coarseWidth, lower = upper + coarseWidth
                    for x in 0..<width {
                        let gx = Float(x) / step, x0 = Int(gx), fx = gx - Float(x0)
                        let top = grid[upper + x0] * (1 - fx) + grid[upper + x0 + 1] * fx
                        let bottom = grid[lower + x0] * (1 - fx) + grid[lower + x0 + 1] * fx
                        target[y * width + x] = top * (1 - fy) + bottom * fy
                    }
                }
            }
        }
        let meanSquare = field.reduce(0) { $0 + Double($1) * Double($1) } / Double(field.count)
        guard meanSquare > 0 else { return field }
        let gain = Float(displacement / meanSquare.squareRoot())
        return field.map { $0 * gain }
    }

    public func apply(_ parameters: Parameters, to sample: TrainingSample) -> TrainingSample {
        precondition(parameters.width == sample.image.width && parameters.height == sample.image.height,
                     "the displacement field was drawn for another image size")
        let width = sample.image.width
        let grid = SamplingGrid(width: width, height: sample.image.height) { x, y in
            (Float(x) + parameters.dx[y * width + x], Float(y) + parameters.dy[y * width + x])
        }
        var result = sample
        result.image = BilinearSampler.sample(sample.image, along: grid)
        return result
    }
}
