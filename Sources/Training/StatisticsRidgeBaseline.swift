import Foundation

/// Baseline (d): a ridge regression on global image statistics (``ImageStatisticsFeatures``),
/// fitted on the training photos with its penalty chosen per setting by cross-validation by
/// burst on those photos alone (the mean when nothing beats it). What a model must beat to be
/// worth its network: a histogram and a line.
public struct StatisticsRidgeBaseline: Sendable {
    /// Its name in tables and reports.
    public static let name = "ridge (image stats)"
    /// Per setting: weights on the standardised features and the bias, before the tanh.
    let weights: [[Float]], bias: [Float]
    /// The training photos' feature means and standard deviations, to standardise with.
    let centre: [Float], scale: [Float]

    /// Fits on the training photos' features, labels and capture times.
    public init(trainingFeatures: [[Float]], trainingLabels: [ScaledLabel], captureTimes: [Date?], seed: UInt64 = 0) {
        let d = trainingFeatures.first?.count ?? 0
        let n = Float(max(trainingFeatures.count, 1))
        centre = (0..<d).map { j in trainingFeatures.map { $0[j] }.reduce(0, +) / n }
        scale = (0..<d).map { j in
            let m = trainingFeatures.map { $0[j] }.reduce(0, +) / n
            let variance = trainingFeatures.map { ($0[j] - m) * ($0[j] - m) }.reduce(0, +) / n
            return variance > 1e-12 ? variance.squareRoot() : 1
        }
        var learner = FewShotLearner()
        learner.families = ["mean", "ridge"]
        learner.lambdas = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30]
        learner.seed = seed
        let settings = trainingLabels.first?.count ?? 0
        let (centre, scale) = (self.centre, self.scale)
        do {
            let head = try learner.learn(
                features: trainingFeatures.map { Self.standardise($0, centre, scale) }, labels: trainingLabels,
                captureTimes: captureTimes, settings: (0..<settings).map { "setting \($0)" },
                neutralWeights: Array(repeating: [Float](repeating: 0, count: d), count: settings),
                neutralBias: [Float](repeating: 0, count: settings))
            (weights, bias) = (head.weights, head.bias)
        } catch {
            // One burst: nothing to cross-validate a penalty on, so the mean.
            weights = Array(repeating: [Float](repeating: 0, count: d), count: settings)
            bias = SettingStatistics(labels: trainingLabels).mean.map { Float(atanh(min(max($0, -0.999), 0.999))) }
        }
    }

    /// Predictions (scaled) for photos with `features`.
    public func predictions(for features: [[Float]]) -> [[Float]] {
        features.map { row in
            let x = Self.standardise(row, centre, scale)
            return zip(weights, bias).map { weights, bias in
                var z = bias
                for (w, v) in zip(weights, x) { z += w * v }
                return Float(tanh(Double(z)))
            }
        }
    }

    static func standardise(_ row: [Float], _ centre: [Float], _ scale: [Float]) -> [Float] {
        (0..<row.count).map { (row[$0] - centre[$0]) / scale[$0] }
    }
}
