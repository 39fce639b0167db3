import SeededRandom
import ImageIO

/// Gaussian blur with σ drawn uniformly from `sigma` (pixels), as if slightly out of focus.
/// Separable, kernel and border as `GaussianKernel` (truncated at 4σ, reflect). The blur
/// preserves a constant image and, up to the border, the mean: it moves no brightness.
public struct GaussianBlurAugmentation: Augmentation {
    public var sigma: ClosedRange<Double>

    public var name: String { "blur" }

    public init(sigma: ClosedRange<Double> = 0.1...2) {
        precondition(sigma.lowerBound > 0, "blur sigma must be positive")
        self.sigma = sigma
    }

    public struct Parameters: Sendable, Equatable {
        public var sigma: Double

        public init(sigma: Double) {
            self.sigma = sigma
        }
    }

    public func draw(for sample: TrainingSample, using generator: inout some RandomNumberGenerator) -> Parameters {
        Parameters(sigma: generator.nextUniform(in: sigma))
    }

    public func apply(_ parameters: Parameters, to sample: TrainingSample) -> TrainingSample {
        let kernel = GaussianKernel(sigma: parameters.sigma)
        var result = sample
        result.image.pixels.withUnsafeMutableBufferPointer {
            kernel.filterImage($0, width: sample.image.width, height: sample.image.height, channels: 3)
        }
        return result
    }
}
