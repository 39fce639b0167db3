import SeededRandom
import Foundation
import ImageIO

/// Random resized crop: a rectangle covering `scale` of the image's area, with an aspect ratio
/// (width / height, relative to the image's) log-uniform in `aspectRatio`, resampled
/// bilinearly back to the full size.
///
/// Drawn as torchvision's `RandomResizedCrop` does: up to ten tries for a whole-pixel rectangle
/// that fits, then the whole image (which is in range, since `scale` may reach 1).
public struct ResizedCropAugmentation: Augmentation {
    public var scale: ClosedRange<Double>
    public var aspectRatio: ClosedRange<Double>

    public var name: String { "resized crop" }

    public init(scale: ClosedRange<Double> = 0.75...1, aspectRatio: ClosedRange<Double> = (3.0 / 4)...(4.0 / 3)) {
        precondition(scale.lowerBound > 0 && scale.upperBound <= 1, "crop scale must lie in (0, 1]")
        precondition(aspectRatio.lowerBound > 0, "aspect ratios must be positive")
        self.scale = scale
        self.aspectRatio = aspectRatio
    }

    /// The crop rectangle in pixel edges: it covers columns x..<x+width and rows y..<y+height.
    public struct Parameters: Sendable, Equatable {
        public var x: Int
        public var y: Int
        public var width: Int
        public var height: Int

        public init(x: Int, y: Int, width: Int, height: Int) {
            self.x = x
            self.y = y
            self.width = width
            self.height = height
        }
    }

    public func draw(for sample: TrainingSample, using generator: inout some RandomNumberGenerator) -> Parameters {
        let width = sample.image.width, height = sample.image.height
        let area = Double(width * height)
        let logRatio = log(aspectRatio.lowerBound)...log(aspectRatio.upperBound)
        for _ in 0..<10 {
            let target = area * generator.nextUniform(in: scale)
            let ratio = exp(generator.nextUniform(in: logRatio)) * Double(width) / Double(height)
            let cropWidth = Int((target * ratio).squareRoot().rounded())
            let cropHeight = Int((target / ratio).squareRoot().rounded())
            guard (1...width).contains(cropWidth), (1...height).contains(cropHeight) else { continue }
            return Parameters(x: generator.nextIndex(below: width - cropWidth + 1),
                              y: generator.nextIndex(below: height - cropHeight + 1),
                              width: cropWidth, height: cropHeight)
        }
        return Parameters(x: 0, y: 0, width: width, height: height)
    }

    public func apply(_ parameters: Parameters, to sample: TrainingSample) -> TrainingSample {
        let width = sample.image.width, height = sample.image.height
        let stepX = Float(parameters.width) / Float(width), stepY = Float(parameters.height) / Float(height)
        // Output pixel centre i + ½ (in edges) maps to x + (i + ½)·step in source edges,
        // minus ½ in source pixel-centre coordinates.
        let grid = SamplingGrid(width: width, height: height) { x, y in
            (Float(parameters.x) + (Float(x) + 0.5) * stepX - 0.5,
             Float(parameters.y) + (Float(y) + 0.5) * stepY - 0.5)
        }
        var result = sample
        result.image = BilinearSampler.sample(sample.image, along: grid)
        return result
    }
}
