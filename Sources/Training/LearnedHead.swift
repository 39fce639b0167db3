import Foundation
import ViT

/// What ``FewShotLearner`` learnt: a tanh head for the ViT (weights settings × D and biases, in
/// the pre-activation space), what it chose per setting and why, and what predict needs for a
/// confidence.
public struct LearnedHead: Sendable {
    /// Per setting: the candidate chosen and the cross-validated figures that chose it.
    public struct SettingChoice: Codable, Sendable, Equatable {
        public var setting: String
        /// The candidate, e.g. `ridge from neutral (λ 0.3)`, or the ensemble's members, e.g.
        /// `ensemble: offset, rescaled λ0.3, ridge λ3`.
        public var chosen: String
        public var family: String
        /// Edits that have the setting.
        public var photos: Int
        /// Cross-validated MSE (scaled units) of the chosen candidate and of the mean; nil when
        /// there was too little to cross-validate.
        public var crossValidatedMSE: Double?
        public var meanMSE: Double?
        /// The best cross-validated MSE of each family.
        public var bestByFamily: [String: Double]

        /// True when nothing beat the photographer's mean for this setting.
        public var fellBackToMean: Bool { family == "mean" }
    }

    /// The record stored in the weights' provenance (key `learner`) and printed by finetune.
    public struct Report: Codable, Sendable, Equatable {
        public var photos: Int
        public var folds: Int
        public var bursts: Int
        public var settings: [SettingChoice]
        /// Wall time of the learner itself (features not included).
        public var seconds: Double
        /// The families tried and whether the best of each were averaged (nil: all, yes).
        public var families: [String]?
        public var ensembles: Bool?

        /// A learner configured as the one that wrote this report.
        public var learner: FewShotLearner {
            var learner = FewShotLearner()
            if let families { learner.families = Set(families) }
            if let ensembles { learner.ensembles = ensembles }
            return learner
        }

        /// Cross-validated MSE over all settings (the mean of the settings' figures) of the
        /// choice, the mean and the best of each family. The choice's figure was also used to
        /// choose, so it is a little optimistic.
        public var overall: [String: Double] {
            func average(_ values: [Double?]) -> Double? {
                let present = values.compactMap { $0 }.filter(\.isFinite)
                return present.isEmpty ? nil : present.reduce(0, +) / Double(present.count)
            }
            var result: [String: Double] = [:]
            result["chosen"] = average(settings.map(\.crossValidatedMSE))
            let families = Set(settings.flatMap(\.bestByFamily.keys))
            for family in families { result[family] = average(settings.map { $0.bestByFamily[family] }) }
            return result
        }

        /// Lines for the terminal: a row per setting, then the overall figures.
        public var lines: [String] {
            var lines = ["learnt in closed form from \(photos) edits (\(bursts) bursts, \(folds)-fold cross-validation by burst, "
                         + String(format: "%.2f s", seconds) + "):"]
            lines.append("setting          chosen" + String(repeating: " ", count: 55) + "CV MSE   mean MSE")
            for choice in settings {
                lines.append(choice.setting.padding(toLength: 17, withPad: " ", startingAt: 0)
                             + choice.chosen + String(repeating: " ", count: max(1, 58 - choice.chosen.count))
                             + (choice.crossValidatedMSE.map { String(format: "%9.4f", $0) } ?? "        –")
                             + (choice.meanMSE.map { String(format: "%11.4f", $0) } ?? "          –")
                             + (choice.fellBackToMean ? "   (nothing beat the mean)" : ""))
            }
            let overall = self.overall
            let families = ["mean", "neutral + offset", "neutral rescaled", "ridge from neutral", "ridge"]
            lines.append("cross-validated MSE over all settings: chosen " + String(format: "%.4f", overall["chosen"] ?? .nan)
                         + families.compactMap { name in overall[name].map { String(format: ", %@ %.4f", name, $0) } }.joined())
            if let chosen = overall["chosen"], let mean = overall["mean"], mean > 0 {
                lines.append(String(format: "chosen ÷ mean: %.2f (cross-validated on the edits; the choice was made on the same folds)", chosen / mean))
            }
            return lines
        }
    }

    public var weights: [[Float]]
    public var bias: [Float]
    public var report: Report
    public var uncertainty: PredictiveUncertainty

    /// Provenance keys.
    public static let reportKey = "learner"
    public static let uncertaintyKey = "uncertainty"

    /// Writes the head into `model`'s ViT and the report and uncertainty into its provenance.
    public func install(in model: StyleModel) throws {
        let network = model.network.network
        let slots = network.slots
        precondition(weights.count == slots.headBias.count, "one head row per output")
        let dim = model.network.config.dim
        let weightPointer = network.parameters.at(slots.headWeight)
        let biasPointer = network.parameters.at(slots.headBias)
        for (row, values) in weights.enumerated() {
            precondition(values.count == dim, "head rows must match the embedding")
            for (column, value) in values.enumerated() { weightPointer[row * dim + column] = value }
            biasPointer[row] = bias[row]
        }
        model.network.provenance[Self.reportKey] = try StyleModel.json(report)
        model.network.provenance[Self.uncertaintyKey] = try StyleModel.json(uncertainty)
    }

    /// The report stored in `model`, if it was learnt in closed form.
    public static func report(in model: StyleModel) -> Report? {
        model.network.provenance[reportKey].flatMap { try? JSONDecoder().decode(Report.self, from: Data($0.utf8)) }
    }

    /// The current head of `model`: weights (outputs × D) and biases.
    public static func currentHead(of model: StyleModel) -> (weights: [[Float]], bias: [Float]) {
        let network = model.network.network
        let slots = network.slots
        let dim = model.network.config.dim
        let weightPointer = network.parameters.at(slots.headWeight)
        let biasPointer = network.parameters.at(slots.headBias)
        let outputs = slots.headBias.count
        return ((0..<outputs).map { row in (0..<dim).map { weightPointer[row * dim + $0] } },
                (0..<outputs).map { biasPointer[$0] })
    }
}
