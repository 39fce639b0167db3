import Foundation
import ImageIO

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
