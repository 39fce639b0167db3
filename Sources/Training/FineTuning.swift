import SeededRandom
import Foundation
import ImageIO
import ViT

/// What `autotone finetune` records in the weights it writes (provenance key `finetune`), so
/// that `autotone evaluate` can reuse the same split and a reader can see what the model learnt
/// from and how well it did.
public struct FineTuneRecord: Codable, Sendable, Equatable {
    /// The shoot paths as given.
    public var shoots: [String]
    /// The settings the model predicts, in order.
    public var settings: [String]
    /// The preprocessing recipe used (also stored as the model's own recipe).
    public var recipe: PreprocessRecipe
    /// Where training started: a weights file's path, or `scratch:CONFIG`.
    public var initialWeights: String
    public var validationFraction: Double
    public var splitSeed: UInt64
    /// File names on each side of the split.
    public var trainingPhotos: [String]
    public var validationPhotos: [String]
    public var hdrEdits: Int
    public var options: TrainerOptions
    public var augmentCopies: Int
    /// `none`, `moving-average:N` or `gaussian:S`.
    public var smoothing: String
    public var labelNoise: Double
    public var bestEpoch: Int?
    public var epochsRun: Int
    public var stoppedEarly: Bool
    public var validationLoss: Double?
    /// The model against the baselines on the validation photos, when there were any.
    public var validation: BaselineComparison?
    /// `closed-form` (``ClosedFormFit``) or `gradient` (the ``Trainer``); nil in records written
    /// before there was a choice, which were all `gradient`.
    public var learner: String?
    /// What the closed-form learner chose and its cross-validated figures.
    public var closedForm: LearnedHead.Report?

    public init(shoots: [String], settings: [String], recipe: PreprocessRecipe, initialWeights: String, validationFraction: Double, splitSeed: UInt64, trainingPhotos: [String], validationPhotos: [String], hdrEdits: Int, options: TrainerOptions, augmentCopies: Int, smoothing: String, labelNoise: Double, bestEpoch: Int? = nil, epochsRun: Int, stoppedEarly: Bool, validationLoss: Double? = nil, validation: BaselineComparison? = nil, learner: String? = nil, closedForm: LearnedHead.Report? = nil) {
        self.shoots = shoots
        self.settings = settings
        self.recipe = recipe
        self.initialWeights = initialWeights
        self.validationFraction = validationFraction
        self.splitSeed = splitSeed
        self.trainingPhotos = trainingPhotos
        self.validationPhotos = validationPhotos
        self.hdrEdits = hdrEdits
        self.options = options
        self.augmentCopies = augmentCopies
        self.smoothing = smoothing
        self.labelNoise = labelNoise
        self.bestEpoch = bestEpoch
        self.epochsRun = epochsRun
        self.stoppedEarly = stoppedEarly
        self.validationLoss = validationLoss
        self.validation = validation
        self.learner = learner
        self.closedForm = closedForm
    }

    /// Provenance key.
    public static let key = "finetune"

    /// The record stored in `model`, if any.
    public static func stored(in model: StyleModel) -> FineTuneRecord? {
        model.network.provenance[key].flatMap { try? JSONDecoder().decode(FineTuneRecord.self, from: Data($0.utf8)) }
    }

    /// Stores the record in `model`'s provenance.
    public func store(in model: StyleModel) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        model.network.provenance[Self.key] = String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

/// The pieces `finetune` and `evaluate` share, so that both see the same photos, split, policy
/// and smoothing for the same options.
public enum FineTuning {
    /// A shoot with fewer labelled photos than this is refused.
    public static let minimumPhotos = 4

    /// The split both commands use: bursts kept together, seeded by `seed`.
    public static func split(captureTimes: [Date?], validationFraction: Double, seed: UInt64) throws -> CaptureTimeSplit {
        var generator = Xoshiro256StarStar(seed: seed, stream: [0x5_911_7])
        do {
            return try CaptureTimeSplit.make(captureTimes: captureTimes, validationFraction: validationFraction, using: &generator)
        } catch let error as SplitError {
            throw TrainingError(error, photos: captureTimes.count)
        }
    }

    /// Refuses a dataset with too few labelled photos, naming the shoots and what was skipped.
    public static func checkEnough(_ dataset: RawDataset, shoots: [String]) throws {
        guard dataset.photos.count >= minimumPhotos else {
            let reasons = Dictionary(grouping: dataset.skipped, by: \.reason).map { "\($0.value.count) × \($0.key)" }.sorted()
            throw TrainingError.tooFewPhotos(
                found: dataset.photos.count, needed: minimumPhotos,
                detail: "in \(shoots.joined(separator: ", ")) (edit at least \(minimumPhotos) photos in Lightroom first"
                    + (reasons.isEmpty ? ")" : "; skipped: " + reasons.joined(separator: ", ") + ")"))
        }
    }

    /// Parses `none`, `moving-average:N` or `gaussian:S`, with `noise` in scaled units.
    public static func smoothing(_ text: String, noise: Double) throws -> LabelSmoothing {
        let lowered = text.lowercased()
        let filter: LabelSmoothing.Filter
        if lowered == "none" {
            filter = .none
        } else if lowered.hasPrefix("moving-average:"), let window = Int(lowered.dropFirst("moving-average:".count)) {
            filter = .movingAverage(window: window)
        } else if lowered.hasPrefix("gaussian:"), let sigma = Double(lowered.dropFirst("gaussian:".count)) {
            filter = .gaussian(sigma: sigma)
        } else {
            throw TrainingError.badOption("smoothing must be none, moving-average:N (N odd) or gaussian:S, not \(text)")
        }
        do {
            return try LabelSmoothing(filter: filter, noise: noise)
        } catch {
            throw TrainingError.badOption("bad smoothing \(text) with label noise \(noise): \(error)")
        }
    }

    /// A fresh model of `config` whose recipe's input size matches it.
    public static func scratchModel(config: ViTConfig, seed: UInt64) throws -> StyleModel {
        var recipe = PreprocessRecipe.vitDefault
        recipe.inputSize = config.imageSize
        return try StyleModel.initial(config: config, recipe: recipe, seed: seed)
    }
}

extension ModelEvaluation {
    /// The terminal table: MSE and ratio per baseline, then MAE and share within tolerance per setting.
    public var table: String {
        let comparison = self.comparison
        func f(_ value: Double?, _ format: String) -> String { value.map { String(format: format, $0) } ?? "–" }
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
        }
        // The image-space columns only when they were measured.
        let hasDeltaE = comparison.model.meanDeltaE != nil
        var lines = ["\(trainingCount) training photos, \(photos.count) validation photos",
                     "", "                        MSE   model ÷ this" + (hasDeltaE ? "   ΔE image   model ÷ this" : ""),
                     "model               " + pad(f(comparison.model.meanSquaredError, "%.4f"), 6)
                     + (hasDeltaE ? pad("", 15) + pad(f(comparison.model.meanDeltaE, "%.2f"), 11) : "")]
        for baseline in comparison.baselines {
            lines.append(baseline.name.padding(toLength: 20, withPad: " ", startingAt: 0)
                         + pad(f(baseline.metrics.meanSquaredError, "%.4f"), 6)
                         + pad(f(baseline.modelRatio.meanSquaredError, "%.2f"), 15)
                         + (hasDeltaE ? pad(f(baseline.metrics.meanDeltaE, "%.2f"), 11)
                            + pad(f(baseline.modelRatio.meanDeltaE, "%.2f"), 15) : ""))
        }
        if hasDeltaE {
            lines.append("ΔE image: mean CIELAB ΔE76 between the photo rendered with these settings and with the "
                         + "photographer's (AutoTone's renderer; about 1 is just noticeable)")
        }
        lines += ["", "mean absolute error per setting (EV for exposure, points otherwise); share within tolerance",
                  "setting       " + (["model"] + comparison.baselines.map(\.name)).map { pad(String($0.prefix(9)), 10) }.joined()
                  + pad("within", 10) + pad("mean", 8)]
        for (index, setting) in space.settings.enumerated() {
            let format = setting.unit == "EV" ? "%.2f" : "%.1f"
            let values = [comparison.model.settings[index].meanAbsoluteError]
                + comparison.baselines.map { $0.metrics.settings[index].meanAbsoluteError }
            lines.append(setting.name.padding(toLength: 14, withPad: " ", startingAt: 0)
                         + values.map { pad(f($0, format), 10) }.joined()
                         + pad(f(comparison.model.settings[index].withinTolerance.map { $0 * 100 }, "%.0f%%"), 10)
                         + pad(f(comparison.baselines.first?.metrics.settings[index].withinTolerance.map { $0 * 100 }, "%.0f%%"), 8))
        }
        return lines.joined(separator: "\n")
    }
}

/// "epoch 3/10 · loss 0.0123 · validation 0.0150 · 14.2 images/s · 1 min 40 s left"
public enum EpochProgress {
    public static func describe(_ record: EpochRecord, state: TrainingState) -> String {
        var parts = ["epoch \(record.epoch)/\(state.options.epochs)", String(format: "loss %.4f", record.trainingLoss)]
        if let validation = record.validationLoss { parts.append(String(format: "validation %.4f", validation)) }
        parts.append(String(format: "%.1f images/s", record.imagesPerSecond))
        if state.isFinished {
            if state.stoppedEarly { parts.append("stopped early") }
        } else {
            let mean = state.history.map(\.seconds).reduce(0, +) / Double(max(1, state.history.count))
            parts.append(duration(mean * Double(state.options.epochs - state.epochsDone)) + " left")
        }
        return parts.joined(separator: " · ")
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole < 60 ? "\(whole) s" : String(format: "%d min %02d s", whole / 60, whole % 60)
    }
}

extension TrainingError {
    /// A split that cannot be made, said in the photographer's terms.
    public init(_ error: SplitError, photos: Int) {
        switch error {
        case .invalidFraction(let fraction):
            self = .badOption("the validation fraction must lie in 0..<1, not \(fraction)")
        case .tooFewGroups(let groups, let needed):
            self = .tooFewPhotos(found: photos, needed: needed,
                                 detail: "the \(photos) photos form \(groups) burst\(groups == 1 ? "" : "s") (photos taken within 5 s of each other), "
                                     + "and bursts never straddle a split: \(needed) are needed")
        }
    }
}

extension LabelSmoothing: CustomStringConvertible {
    /// `none`, `moving-average:N` or `gaussian:S`, as `FineTuning.smoothing` parses it.
    public var description: String {
        switch filter {
        case .none: "none"
        case .movingAverage(let window): "moving-average:\(window)"
        case .gaussian(let sigma): "gaussian:\(sigma)"
        }
    }
}

extension StyleModel {
    /// Sets the head's biases so that a fresh head starts by predicting `labels`' mean (tanh of
    /// the bias is the output when the head's small weights contribute little): training then
    /// starts from the mean baseline instead of from zero. For heads that know nothing yet
    /// (from scratch, or a Hugging Face checkpoint's new head).
    public func startHeadAtMean(of labels: [ScaledLabel]) {
        let mean = SettingStatistics(labels: labels).mean
        let network = self.network.network
        let bias = network.parameters.at(network.slots.headBias)
        for (index, value) in mean.prefix(network.slots.headBias.count).enumerated() {
            bias[index] = Float(atanh(min(max(value, -0.95), 0.95)))
        }
    }
}
