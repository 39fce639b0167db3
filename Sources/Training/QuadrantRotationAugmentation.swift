import SeededRandom
import ImageIO

/// Local rotation: each of the four quadrants is turned in place by its own random number of
/// quarter turns (0–3, clockwise), breaking up the global layout while keeping local content.
///
/// Quadrants split the image at width / 2 and height / 2 (the right and bottom ones get the
/// odd pixel). A quadrant that is not square can only turn by 0 or 2 quarter turns, and only
/// those are drawn for it. Each quadrant keeps exactly its own pixels.
public struct QuadrantRotationAugmentation: Augmentation {
    public var name: String { "quadrant rotation" }

    public init() {}

    /// Clockwise quarter turns for the top-left, top-right, bottom-left and bottom-right quadrants.
    public struct Parameters: Sendable, Equatable {
        public var quarterTurns: [Int]

        public init(quarterTurns: [Int]) {
            precondition(quarterTurns.count == 4, "one turn per quadrant")
            self.quarterTurns = quarterTurns
        }
    }

    /// The quadrants' rectangles (x, y, width, height) in the order of `Parameters`.
    public static func quadrants(width: Int, height: Int) -> [(x: Int, y: Int, width: Int, height: Int)] {
        let left = width / 2, top = height / 2
        return [(0, 0, left, top), (left, 0, width - left, top),
                (0, top, left, height - top), (left, top, width - left, height - top)]
    }

    public func draw(for sample: TrainingSample, using generator: inout some RandomNumberGenerator) -> Parameters {
        Parameters(quarterTurns: Self.quadrants(width: sample.image.width, height: sample.image.height).map { quadrant in
            quadrant.width == quadrant.height ? generator.nextIndex(below: 4) : 2 * generator.nextIndex(below: 2)
        })
    }

    public func apply(_ parameters: Parameters, to sample: TrainingSample) -> TrainingSample {
        let width = sample.image.width
        var result = sample
        for (quadrant, turns) in zip(Self.quadrants(width: width, height: sample.image.height), parameters.quarterTurns)
        where turns % 4 != 0 && quadrant.width > 0 && quadrant.height > 0 {
            precondition(turns % 2 == 0 || quadrant.width == quadrant.height, "only a square quadrant turns by 90°")
            var part = [Float](repeating: 0, count: quadrant.width * quadrant.height * 3)
            for row in 0..<quadrant.height {
                let from = ((quadrant.y + row) * width + quadrant.x) * 3
                part.replaceSubrange((row * quadrant.width * 3)..<((row + 1) * quadrant.width * 3),
                                     with: sample.image.pixels[from..<(from + quadrant.width * 3)])
            }
            let turned = SquareSymmetry(quarterTurns: turns)
                .apply(to: LinearImage(width: quadrant.width, height: quadrant.height, pixels: part))
            for row in 0..<quadrant.height {
                let to = ((quadrant.y + row) * width + quadrant.x) * 3
                result.image.pixels.replaceSubrange(to..<(to + quadrant.width * 3),
                                                    with: turned.pixels[(row * quadrant.width * 3)..<((row + 1) * quadrant.width * 3)])
            }
        }
        return result
    }
}
