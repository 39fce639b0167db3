import SeededRandom
import ImageIO

/// Perspective and shear: a quadrilateral inside the image is stretched to fill the frame, as
/// if the camera had been tilted.
///
/// Each corner of the source quadrilateral moves inward from its image corner by an
/// independent uniform fraction of `distortion` × half the side, in x and in y. Corners moving
/// by different amounts give perspective; opposite corners moving the same way give shear. The
/// quadrilateral stays inside the image, so the border rule of `BilinearSampler` only touches
/// the outermost half pixel.
public struct PerspectiveAugmentation: Augmentation {
    /// The largest corner movement, as a fraction of half the image's side (0…1).
    public var distortion: Double

    public var name: String { "perspective" }

    public init(distortion: Double = 0.2) {
        precondition((0...1).contains(distortion), "distortion must lie in 0…1")
        self.distortion = distortion
    }

    /// Where the output's corners are read from, in pixel coordinates: top-left, top-right,
    /// bottom-right, bottom-left.
    public struct Parameters: Sendable, Equatable {
        public var sourceCorners: [ImagePoint]

        public init(sourceCorners: [ImagePoint]) {
            precondition(sourceCorners.count == 4, "a perspective needs four corners")
            self.sourceCorners = sourceCorners
        }
    }

    /// The image's own corners, top-left first, clockwise.
    public static func corners(width: Int, height: Int) -> [ImagePoint] {
        let right = Double(width - 1), bottom = Double(height - 1)
        return [ImagePoint(x: 0, y: 0), ImagePoint(x: right, y: 0),
                ImagePoint(x: right, y: bottom), ImagePoint(x: 0, y: bottom)]
    }

    public func draw(for sample: TrainingSample, using generator: inout some RandomNumberGenerator) -> Parameters {
        let reachX = distortion * Double(sample.image.width - 1) / 2
        let reachY = distortion * Double(sample.image.height - 1) / 2
        let inward: [(x: Double, y: Double)] = [(1, 1), (-1, 1), (-1, -1), (1, -1)]
        let corners = zip(Self.corners(width: sample.image.width, height: sample.image.height), inward).map { corner, direction in
            let dx = reachX * generator.nextUnitInterval(), dy = reachY * generator.nextUnitInterval()
            return ImagePoint(x: corner.x + direction.x * dx, y: corner.y + direction.y * dy)
        }
        return Parameters(sourceCorners: corners)
    }

    public func apply(_ parameters: Parameters, to sample: TrainingSample) -> TrainingSample {
        let width = sample.image.width, height = sample.image.height
        // The corners drawn are never collinear; a degenerate hand-made quadrilateral leaves the image alone.
        guard let transform = Homography(mapping: Self.corners(width: width, height: height),
                                         to: parameters.sourceCorners) else { return sample }
        let grid = SamplingGrid(width: width, height: height) { x, y in
            let source = transform.map(ImagePoint(x: Double(x), y: Double(y)))
            return (Float(source.x), Float(source.y))
        }
        var result = sample
        result.image = BilinearSampler.sample(sample.image, along: grid)
        return result
    }
}
