import SeededRandom
import ImageIO

/// GridMask (Chen et al. 2020): squares on a regular grid are filled, hiding parts of the photo
/// so the network cannot lean on any one region.
///
/// The grid's unit (pixels between square starts) is drawn uniformly from `unit`; each square
/// has side `round(maskRatio × unit)`; the grid is shifted by an offset drawn in 0..<unit on each
/// axis. Pixel (x, y) is masked when (x + offsetX) mod unit < side and (y + offsetY) mod unit <
/// side, so about maskRatio² of the image is hidden.
public struct GridMaskAugmentation: Augmentation {
    /// What masked pixels become.
    public enum Fill: String, Sendable, Codable {
        /// The image's mean colour (per channel, linear): the default, because it leaves the
        /// photo's mean brightness, which the exposure label depends on, unchanged.
        case imageMean
        /// Black, as in the original GridMask; darkens the photo by the masked share.
        case black
    }

    public var unit: ClosedRange<Int>
    public var maskRatio: Double
    public var fill: Fill

    public var name: String { "gridmask" }

    public init(unit: ClosedRange<Int> = 48...112, maskRatio: Double = 0.4, fill: Fill = .imageMean) {
        precondition(unit.lowerBound > 0 && (0...1).contains(maskRatio), "GridMask needs a positive unit and a ratio in 0…1")
        self.unit = unit
        self.maskRatio = maskRatio
        self.fill = fill
    }

    public struct Parameters: Sendable, Equatable {
        public var unit: Int
        public var side: Int
        public var offsetX: Int
        public var offsetY: Int

        public init(unit: Int, side: Int, offsetX: Int, offsetY: Int) {
            precondition(unit > 0 && (0...unit).contains(side), "a mask square fits in its unit")
            self.unit = unit
            self.side = side
            self.offsetX = offsetX
            self.offsetY = offsetY
        }

        /// Whether pixel (x, y) is masked.
        public func isMasked(x: Int, y: Int) -> Bool {
            (x + offsetX) % unit < side && (y + offsetY) % unit < side
        }
    }

    public func draw(for sample: TrainingSample, using generator: inout some RandomNumberGenerator) -> Parameters {
        let drawnUnit = unit.lowerBound + generator.nextIndex(below: unit.count)
        return Parameters(unit: drawnUnit, side: Int((maskRatio * Double(drawnUnit)).rounded()),
                          offsetX: generator.nextIndex(below: drawnUnit), offsetY: generator.nextIndex(below: drawnUnit))
    }

    public func apply(_ parameters: Parameters, to sample: TrainingSample) -> TrainingSample {
        let width = sample.image.width, height = sample.image.height
        var colour: [Float] = [0, 0, 0]
        if fill == .imageMean {
            var sums: [Double] = [0, 0, 0]
            for (index, value) in sample.image.pixels.enumerated() { sums[index % 3] += Double(value) }
            colour = sums.map { Float($0 / Double(width * height)) }
        }
        let maskedColumns = (0..<width).filter { ($0 + parameters.offsetX) % parameters.unit < parameters.side }
        var result = sample
        result.image.pixels.withUnsafeMutableBufferPointer { pixels in
            for y in 0..<height where (y + parameters.offsetY) % parameters.unit < parameters.side {
                for x in maskedColumns {
                    let base = (y * width + x) * 3
                    pixels[base] = colour[0]
                    pixels[base + 1] = colour[1]
                    pixels[base + 2] = colour[2]
                }
            }
        }
        return result
    }
}
