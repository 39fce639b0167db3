import Foundation

/// How close predictions are to the truth for one setting, over the photos that have it.
/// All figures are nil when no photo has the setting.
public struct SettingMetrics: Codable, Sendable, Equatable {
    public var name: String
    /// Photos that have this setting (absent entries are skipped, not counted as 0).
    public var count: Int
    /// Mean squared error in scaled units.
    public var meanSquaredError: Double?
    /// Mean absolute error in slider units (EV for exposure, points for the others).
    public var meanAbsoluteError: Double?
    /// Share (0…1) of photos whose error is within the setting's tolerance (±0.33 EV, ±10).
    public var withinTolerance: Double?
    /// The tolerance used, in slider units.
    public var tolerance: Double
}

/// Predictions against truths: the seed project's metric (MSE on scaled settings) and figures
/// a photographer can read (mean absolute error in slider units, share within tolerance), per
/// setting. Absent truth entries (a mask in `ScaledLabel`) are skipped everywhere.
public struct EvaluationMetrics: Codable, Sendable, Equatable {
    /// Photos evaluated.
    public var photoCount: Int
    /// Mean squared error in scaled units over every present entry, i.e. the mean over
    /// settings and photos when nothing is absent (the seed's metric); nil with no entries.
    public var meanSquaredError: Double?
    /// One entry per setting of the label space, in its order.
    public var settings: [SettingMetrics]
    /// Mean ΔE76 between the photos rendered with the predicted and with the true settings
    /// (``ImageSpaceDistance``); nil when not measured.
    public var meanDeltaE: Double?

    public init(photoCount: Int, meanSquaredError: Double?, settings: [SettingMetrics], meanDeltaE: Double? = nil) {
        self.photoCount = photoCount
        self.meanSquaredError = meanSquaredError
        self.settings = settings
        self.meanDeltaE = meanDeltaE
    }

    /// Figures for `predictions` (scaled vectors in `space`'s order) against `truths`.
    /// O(photos × settings).
    public init(predictions: [[Float]], truths: [ScaledLabel], space: LabelSpace) {
        precondition(predictions.count == truths.count, "one prediction per truth")
        precondition(predictions.allSatisfy { $0.count == space.count } && truths.allSatisfy { $0.count == space.count },
                     "predictions and truths must match the label space")
        // A value exactly on the tolerance counts as within it, despite Float rounding.
        let slack = 1e-6
        var totalSquares = 0.0, totalCount = 0
        let settings = space.settings.enumerated().map { setting, entry in
            var squares = 0.0, absolutes = 0.0, within = 0, count = 0
            for (prediction, truth) in zip(predictions, truths) where truth.isPresent[setting] {
                let error = Double(prediction[setting]) - Double(truth.values[setting])
                let sliderError = abs(error) * Double(entry.scale)
                squares += error * error
                absolutes += sliderError
                within += sliderError <= Double(entry.tolerance) + slack ? 1 : 0
                count += 1
            }
            totalSquares += squares
            totalCount += count
            let n = Double(count)
            return SettingMetrics(name: entry.name, count: count,
                                  meanSquaredError: count > 0 ? squares / n : nil,
                                  meanAbsoluteError: count > 0 ? absolutes / n : nil,
                                  withinTolerance: count > 0 ? Double(within) / n : nil,
                                  tolerance: Double(entry.tolerance))
        }
        self.init(photoCount: predictions.count,
                  meanSquaredError: totalCount > 0 ? totalSquares / Double(totalCount) : nil,
                  settings: settings)
    }

    /// The figure-by-figure mean of several evaluations of the same photos (the guesser's
    /// draws). Each figure is averaged over the evaluations that have it.
    public static func mean(of evaluations: [EvaluationMetrics]) -> EvaluationMetrics {
        precondition(!evaluations.isEmpty, "nothing to average")
        func average(_ values: [Double?]) -> Double? {
            let present = values.compactMap { $0 }
            return present.isEmpty ? nil : present.reduce(0, +) / Double(present.count)
        }
        let first = evaluations[0]
        let settings = first.settings.indices.map { index in
            var setting = first.settings[index]
            setting.meanSquaredError = average(evaluations.map { $0.settings[index].meanSquaredError })
            setting.meanAbsoluteError = average(evaluations.map { $0.settings[index].meanAbsoluteError })
            setting.withinTolerance = average(evaluations.map { $0.settings[index].withinTolerance })
            return setting
        }
        return EvaluationMetrics(photoCount: first.photoCount,
                                 meanSquaredError: average(evaluations.map(\.meanSquaredError)), settings: settings,
                                 meanDeltaE: average(evaluations.map(\.meanDeltaE)))
    }

    /// This evaluation's errors divided by `baseline`'s: below 1 means better than the baseline.
    public func ratio(to baseline: EvaluationMetrics) -> MetricRatios {
        func divide(_ numerator: Double?, _ denominator: Double?) -> Double? {
            guard let numerator, let denominator, denominator > 0 else { return nil }
            return numerator / denominator
        }
        return MetricRatios(
            meanSquaredError: divide(meanSquaredError, baseline.meanSquaredError),
            meanDeltaE: divide(meanDeltaE, baseline.meanDeltaE),
            settings: zip(settings, baseline.settings).map { ours, theirs in
                MetricRatios.Setting(name: ours.name,
                                     meanSquaredError: divide(ours.meanSquaredError, theirs.meanSquaredError),
                                     meanAbsoluteError: divide(ours.meanAbsoluteError, theirs.meanAbsoluteError))
            })
    }
}

/// Model error ÷ baseline error, overall and per setting; nil where either side has no figure
/// or the baseline's error is 0.
public struct MetricRatios: Codable, Sendable, Equatable {
    public struct Setting: Codable, Sendable, Equatable {
        public var name: String
        public var meanSquaredError: Double?
        public var meanAbsoluteError: Double?
    }

    public var meanSquaredError: Double?
    public var meanDeltaE: Double?
    public var settings: [Setting]
}
