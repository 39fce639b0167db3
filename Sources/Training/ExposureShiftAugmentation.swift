import SeededRandom
import Foundation
import ImageIO

/// Exposure shift: the linear image multiplied by 2ᵏ (k stops brighter) and the exposure label
/// lowered by exactly k EV, the one photometric change whose label is known exactly: a photo
/// exposed k stops brighter needs k EV less Exposure2012 to look the same.
///
/// Nothing is clipped in memory: values above 1 stay (brighter than the sensor could record;
/// the tone curve clips them when encoding). k is uniform in ±`maximumStops`, narrowed so the
/// new exposure stays inside the setting's slider range. A label space without Exposure2012, or
/// a photo whose exposure is absent, gets k = 0: the label could not follow.
public struct ExposureShiftAugmentation: Augmentation {
    public var maximumStops: Float
    /// Position of Exposure2012 in the label space, if it has one.
    public let exposureIndex: Int?
    private let exposure: LabelSetting?

    public var name: String { "exposure shift" }

    public init(space: LabelSpace, maximumStops: Float = 1) {
        precondition(maximumStops >= 0, "maximumStops must not be negative")
        self.maximumStops = maximumStops
        exposureIndex = space.index(of: LabelSpace.exposureName)
        exposure = exposureIndex.map { space.settings[$0] }
    }

    public struct Parameters: Sendable, Equatable {
        /// Stops brighter (negative: darker).
        public var stops: Float

        public init(stops: Float) {
            self.stops = stops
        }

        /// The factor applied to every linear value, 2^stops rounded once to Float.
        public var factor: Float { Float(exp2(Double(stops))) }
    }

    public func draw(for sample: TrainingSample, using generator: inout some RandomNumberGenerator) -> Parameters {
        guard let index = exposureIndex, let setting = exposure, let scaled = sample.label[setting: index] else {
            return Parameters(stops: 0)
        }
        // New exposure e − k must stay in [low, high]: k ∈ [e − high, e − low].
        let current = setting.slider(scaled)
        let lower = max(-maximumStops, current - setting.range.upperBound)
        let upper = min(maximumStops, current - setting.range.lowerBound)
        guard lower < upper else { return Parameters(stops: max(lower, min(0, upper))) }
        return Parameters(stops: Float(generator.nextUniform(in: Double(lower)...Double(upper))))
    }

    public func apply(_ parameters: Parameters, to sample: TrainingSample) -> TrainingSample {
        // Where the label cannot follow, the image does not move either.
        guard parameters.stops != 0, let index = exposureIndex, let setting = exposure,
              sample.label.isPresent[index] else { return sample }
        var result = sample
        let factor = parameters.factor
        result.image.pixels.withUnsafeMutableBufferPointer { pixels in
            for index in pixels.indices { pixels[index] *= factor }
        }
        result.label.values[index] -= setting.scaled(parameters.stops)
        return result
    }
}
