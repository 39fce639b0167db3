import Foundation
import SeededRandom

/// Learns a photographer's style from a few edits in closed form: a new tanh head on the frozen
/// network's features (the class-token embedding the head reads), chosen per setting by
/// cross-validation on the edits alone, grouped by burst so a frame's twin never scores it.
///
/// Every candidate is linear in the embedding before the tanh, so the chosen one is written into
/// the ViT's own head and the network stays the model that predicts:
/// - `mean`: the photographer's mean value, whatever the photo (the fallback);
/// - `neutral + offset`: the current head's answer moved by the photographer's mean offset;
/// - `neutral rescaled`: that answer scaled and moved (a photographer who pushes shadows harder);
/// - `ridge from neutral`: the head refitted by ridge regression shrunk toward the current head;
/// - `ridge`: the head refitted by ridge regression from nothing.
/// Targets are fitted in the head's pre-activation space (atanh of the scaled label); errors are
/// scored after the tanh, where the metric lives.
public struct FewShotLearner: Sendable {
    /// One candidate with its penalty, relative to the mean squared norm of the centred features.
    public enum Candidate: Sendable, Hashable, Codable, CustomStringConvertible {
        case mean
        case neutralOffset
        case neutralRescaled(lambda: Double)
        case ridgeFromNeutral(lambda: Double)
        case ridge(lambda: Double)

        public var family: String {
            switch self {
            case .mean: "mean"
            case .neutralOffset: "neutral + offset"
            case .neutralRescaled: "neutral rescaled"
            case .ridgeFromNeutral: "ridge from neutral"
            case .ridge: "ridge"
            }
        }

        public var description: String {
            switch self {
            case .mean, .neutralOffset: family
            case .neutralRescaled(let lambda), .ridgeFromNeutral(let lambda), .ridge(let lambda):
                family + " (λ \(Self.format(lambda)))"
            }
        }

        /// A few words for a table: `offset`, `rescaled λ0.3`, `ridge/neutral λ1`, `ridge λ3`.
        public var shortDescription: String {
            switch self {
            case .mean: "mean"
            case .neutralOffset: "offset"
            case .neutralRescaled(let lambda): "rescaled λ" + Self.format(lambda)
            case .ridgeFromNeutral(let lambda): "ridge/neutral λ" + Self.format(lambda)
            case .ridge(let lambda): "ridge λ" + Self.format(lambda)
            }
        }

        static func format(_ value: Double) -> String {
            value >= 1 ? String(format: "%g", value) : String(format: "%.3g", value)
        }
    }

    /// Penalties tried for each regularised family.
    public var lambdas: [Double] = [0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]
    /// Cross-validation folds (fewer when the edits form fewer bursts).
    public var maximumFolds = 5
    public var seed: UInt64 = 0
    /// Every family, by ``Candidate/family``.
    public static let allFamilies = ["mean", "neutral + offset", "neutral rescaled", "ridge from neutral", "ridge"]
    /// The families tried; all of them by default, `mean` always.
    public var families = Set(allFamilies)
    /// Average the best candidate of each family that beats the mean (else keep the single best).
    public var ensembles = true
    /// Labels are clamped to ±this before atanh, so ±100 stays finite.
    static let clamp = 0.95

    public init() {}

    /// Every candidate tried.
    public var candidates: [Candidate] {
        let all: [Candidate] = [.mean, .neutralOffset] + lambdas.map { .neutralRescaled(lambda: $0) }
            + lambdas.map { .ridgeFromNeutral(lambda: $0) } + lambdas.map { .ridge(lambda: $0) }
        return all.filter { $0 == .mean || families.contains($0.family) }
    }

    /// The head learnt from `features` (one embedding per photo) and `labels`, starting from the
    /// network's current head (`neutralWeights`: settings × D, `neutralBias`). `captureTimes`
    /// group the photos into bursts for the folds. O(settings × candidates × folds × (n²·D + n³)).
    public func learn(features: [[Float]], labels: [ScaledLabel], captureTimes: [Date?], settings: [String],
                      neutralWeights: [[Float]], neutralBias: [Float]) throws -> LearnedHead {
        precondition(features.count == labels.count && labels.count == captureTimes.count, "one label per photo")
        precondition(neutralWeights.count == settings.count && neutralBias.count == settings.count, "one head row per setting")
        let start = ContinuousClock.now
        let x = features.map { $0.map(Double.init) }
        let priorWeights = neutralWeights.map { $0.map(Double.init) }
        let groups = BurstGrouping().groups(captureTimes: captureTimes)
        let foldCount = min(maximumFolds, groups.count)
        guard foldCount >= 2 else {
            throw TrainingError.badOption(
                "the \(labels.count) edits form \(groups.count) burst (photos taken within 5 s of each other); "
                    + "cross-validation needs edits from at least 2 bursts: edit photos from another moment of the shoot")
        }
        var generator = Xoshiro256StarStar(seed: seed, stream: [0xFE_5407])
        let folds = try CaptureTimeSplit.folds(captureTimes: captureTimes, count: foldCount, using: &generator)
        let candidates = self.candidates
        var weights: [[Float]] = [], bias: [Float] = [], choices: [LearnedHead.SettingChoice] = []
        var residualVariance: [Double] = []
        for (setting, name) in settings.enumerated() {
            let problem = SettingProblem(features: x, labels: labels.map { $0[setting: setting].map(Double.init) },
                                         priorWeights: priorWeights[setting], priorBias: Double(neutralBias[setting]))
            guard problem.present.count >= 2 else {
                // Nothing to learn from: keep the mean (or 0) and say so.
                let value = problem.present.first.map { problem.labels[$0]! } ?? 0
                weights.append([Float](repeating: 0, count: x[0].count))
                bias.append(Float(atanh(min(max(value, -Self.clamp), Self.clamp))))
                choices.append(.init(setting: name, chosen: Candidate.mean.description, family: "mean", photos: problem.present.count,
                                     crossValidatedMSE: nil, meanMSE: nil, bestByFamily: [:]))
                residualVariance.append(0)
                continue
            }
            var errors: [Candidate: Double] = [:]
            for candidate in candidates {
                errors[candidate] = problem.crossValidatedMSE([candidate], folds: folds)
            }
            let meanError = errors[.mean]!
            // Ties go to the earlier, simpler candidate.
            let order = { (candidate: Candidate) in candidates.firstIndex(of: candidate)! }
            let single = candidates.min { (errors[$0]!, order($0)) < (errors[$1]!, order($1)) }!
            // The best of each family that beats the mean, averaged before the tanh: on the
            // shoots the method was chosen on this beat the single best candidate (0.39× the
            // mean against 0.43×), because one family's lucky fold matters less.
            var best: [String: Candidate] = [:]
            for candidate in candidates where errors[candidate]! < meanError {
                if let current = best[candidate.family], errors[current]! <= errors[candidate]! { continue }
                best[candidate.family] = candidate
            }
            let members = ensembles && best.count >= 2 ? best.values.sorted { order($0) < order($1) } : [single]
            let fit = problem.fit(members, rows: problem.present)
            let error = members.count == 1 ? errors[single]! : problem.crossValidatedMSE(members, folds: folds)
            weights.append(fit.weights.map(Float.init))
            bias.append(Float(fit.intercept))
            var bestByFamily: [String: Double] = [:]
            for candidate in candidates { bestByFamily[candidate.family] = min(bestByFamily[candidate.family] ?? .infinity, errors[candidate]!) }
            let chosen = members.count == 1 ? single.description : "ensemble: " + members.map(\.shortDescription).joined(separator: ", ")
            choices.append(.init(setting: name, chosen: chosen, family: members.count == 1 ? single.family : "ensemble",
                                 photos: problem.present.count, crossValidatedMSE: error, meanMSE: meanError,
                                 bestByFamily: bestByFamily))
            residualVariance.append(error)
        }
        let uncertainty = PredictiveUncertainty(features: features, lambdaScale: PredictiveUncertainty.lambdaScale,
                                                residualVariance: residualVariance)
        let elapsed = (ContinuousClock.now - start).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
        return LearnedHead(weights: weights, bias: bias,
                           report: .init(photos: labels.count, folds: foldCount, bursts: groups.count, settings: choices, seconds: seconds,
                                         families: Self.allFamilies.filter(families.contains), ensembles: ensembles),
                           uncertainty: uncertainty)
    }
}

/// One setting's regression: the photos that have it, their targets and the current head's row.
struct SettingProblem {
    let features: [[Double]]
    let labels: [Double?]
    let priorWeights: [Double]
    let priorBias: Double
    /// Photos that have the setting.
    let present: [Int]

    init(features: [[Double]], labels: [Double?], priorWeights: [Double], priorBias: Double) {
        self.features = features
        self.labels = labels
        self.priorWeights = priorWeights
        self.priorBias = priorBias
        present = labels.indices.filter { labels[$0] != nil }
    }

    func target(_ index: Int) -> Double {
        atanh(min(max(labels[index]!, -FewShotLearner.clamp), FewShotLearner.clamp))
    }

    func neutral(_ index: Int) -> Double {
        RidgeRegression.dot(priorWeights, features[index]) + priorBias
    }

    /// The candidate fitted on `rows`, as a head row (pre-activation weights and bias).
    func fit(_ candidate: FewShotLearner.Candidate, rows: [Int]) -> RidgeRegression {
        let targets = rows.map(target)
        let d = priorWeights.count
        switch candidate {
        case .mean:
            let mean = rows.map { labels[$0]! }.reduce(0, +) / Double(rows.count)
            return RidgeRegression(weights: [Double](repeating: 0, count: d),
                                   intercept: atanh(min(max(mean, -FewShotLearner.clamp), FewShotLearner.clamp)))
        case .neutralOffset:
            let offset = zip(rows, targets).map { $1 - neutral($0) }.reduce(0, +) / Double(rows.count)
            return RidgeRegression(weights: priorWeights, intercept: priorBias + offset)
        case .neutralRescaled(let lambda):
            let neutrals = rows.map(neutral)
            let mean = neutrals.reduce(0, +) / Double(neutrals.count)
            let spread = neutrals.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(neutrals.count)
            let line = RidgeRegression.fit(features: neutrals.map { [$0] }, targets: targets,
                                           lambda: lambda * max(spread, 1e-12), prior: [1])
            let scale = line.weights[0]
            return RidgeRegression(weights: priorWeights.map { $0 * scale }, intercept: scale * priorBias + line.intercept)
        case .ridgeFromNeutral(let lambda), .ridge(let lambda):
            let rowsFeatures = rows.map { features[$0] }
            let prior: [Double]? = if case .ridgeFromNeutral = candidate { priorWeights } else { nil }
            return RidgeRegression.fit(features: rowsFeatures, targets: targets,
                                       lambda: lambda * Self.meanCentredNorm(rowsFeatures), prior: prior)
        }
    }

    /// The mean of several candidates' head rows fitted on `rows` (one head: the tanh of the
    /// mean pre-activation).
    func fit(_ members: [FewShotLearner.Candidate], rows: [Int]) -> RidgeRegression {
        let fits = members.map { fit($0, rows: rows) }
        guard fits.count > 1 else { return fits[0] }
        let k = Double(fits.count)
        return RidgeRegression(weights: priorWeights.indices.map { j in fits.map { $0.weights[j] }.reduce(0, +) / k },
                               intercept: fits.map(\.intercept).reduce(0, +) / k)
    }

    /// Mean squared error after the tanh over every fold's held-out photos that have the setting.
    func crossValidatedMSE(_ members: [FewShotLearner.Candidate], folds: [CaptureTimeSplit]) -> Double {
        var squares = 0.0, count = 0
        for fold in folds {
            let training = fold.training.filter { labels[$0] != nil }
            let held = fold.validation.filter { labels[$0] != nil }
            guard !training.isEmpty, !held.isEmpty else { continue }
            let fit = self.fit(members, rows: training)
            for index in held {
                let error = tanh(fit.predict(features[index])) - labels[index]!
                squares += error * error
                count += 1
            }
        }
        return count > 0 ? squares / Double(count) : .infinity
    }

    /// Mean over rows of ‖x − mean‖²: the scale penalties are relative to.
    static func meanCentredNorm(_ rows: [[Double]]) -> Double {
        guard let first = rows.first else { return 1 }
        var mean = [Double](repeating: 0, count: first.count)
        for row in rows { for j in row.indices { mean[j] += row[j] } }
        let n = Double(rows.count)
        var total = 0.0
        for row in rows { for j in row.indices { let v = row[j] - mean[j] / n; total += v * v } }
        return max(total / n, 1e-12)
    }
}
