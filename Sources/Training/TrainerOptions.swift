import ViT

/// Which parameters fine-tuning may change, in a form that can be typed (`none`, `head`,
/// `last:N`) and stored with a model.
public enum FreezeOption: Sendable, Hashable, Codable, CustomStringConvertible, LosslessStringConvertible {
    /// Everything trains.
    case none
    /// Only the head trains.
    case head
    /// The last N blocks, the final norm and the head train.
    case lastBlocks(Int)

    /// Parses `none`, `head` or `last:N` (N ≥ 0).
    public init?(_ text: String) {
        let lowered = text.lowercased()
        switch lowered {
        case "none": self = .none
        case "head": self = .head
        default:
            guard lowered.hasPrefix("last:"), let n = Int(lowered.dropFirst(5)), n >= 0 else { return nil }
            self = .lastBlocks(n)
        }
    }

    public var description: String {
        switch self {
        case .none: "none"
        case .head: "head"
        case .lastBlocks(let n): "last:\(n)"
        }
    }

    /// The ViT's own freezing choice.
    public var freezing: Freezing {
        switch self {
        case .none: .none
        case .head: .headOnly
        case .lastBlocks(let n): .lastBlocks(n)
        }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = FreezeOption(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad freeze option \(text)"))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// How a fine-tuning run trains: the seed project's choices by default (batch 12, 10 epochs,
/// learning rate 5e-4), AdamW with linear warm-up then cosine decay, early stopping on the
/// validation loss. Stored with checkpoints so a resumed run continues the same run.
public struct TrainerOptions: Sendable, Hashable, Codable {
    public var epochs = 10
    public var batchSize = 12
    /// Peak learning rate, reached at the end of warm-up.
    public var learningRate = 5e-4
    /// Share of all steps spent warming up linearly (at least one step).
    public var warmupFraction = 0.1
    /// The rate the cosine decays to, as a share of the peak.
    public var finalLearningRateFraction = 0.01
    /// AdamW's decoupled weight decay (matrices only).
    public var weightDecay = 0.05
    /// Global gradient-norm clipping; nil for none.
    public var maxGradientNorm: Double? = 1
    /// Stop after this many epochs without a lower validation loss; nil never stops early.
    public var patience: Int? = 3
    /// One weight per setting in the loss; nil weighs them equally.
    public var settingWeights: [Float]?
    public var freeze: FreezeOption = .none
    /// Seeds shuffling, augmentation, label noise and dropout.
    public var seed: UInt64 = 0
    /// Threads for augmentation and encoding (the GEMMs use their own).
    public var threads = 2

    public init() {}

    /// Checks every value, naming the first bad one.
    public func validate(settingCount: Int) throws {
        func check(_ ok: Bool, _ message: String) throws { if !ok { throw TrainingError.badOption(message) } }
        try check(epochs >= 1, "epochs must be at least 1, not \(epochs)")
        try check(batchSize >= 1, "the batch size must be at least 1, not \(batchSize)")
        try check(learningRate > 0 && learningRate.isFinite, "the learning rate must be positive, not \(learningRate)")
        try check((0...1).contains(warmupFraction), "the warm-up fraction must lie in 0…1")
        try check((0...1).contains(finalLearningRateFraction), "the final learning-rate fraction must lie in 0…1")
        try check(weightDecay >= 0 && weightDecay.isFinite, "weight decay must be ≥ 0")
        try check(maxGradientNorm.map { $0 > 0 } ?? true, "the gradient clipping norm must be positive")
        try check(patience.map { $0 >= 1 } ?? true, "patience must be at least 1 epoch")
        try check(threads >= 1, "at least one thread")
        if let settingWeights {
            try check(settingWeights.count == settingCount, "\(settingWeights.count) setting weights for \(settingCount) settings")
            try check(settingWeights.allSatisfy { $0 >= 0 && $0.isFinite } && settingWeights.contains { $0 > 0 },
                      "setting weights must be non-negative and not all zero")
        }
    }
}

/// Why training could not start or continue.
public enum TrainingError: Error, Equatable, Sendable, CustomStringConvertible {
    case badOption(String)
    /// Too few labelled photos to learn from (and validate on).
    case tooFewPhotos(found: Int, needed: Int, detail: String)
    /// A checkpoint that cannot continue this run.
    case badCheckpoint(path: String, reason: String)
    /// The model cannot take these inputs (recipe or settings differ).
    case incompatibleModel(path: String, reason: String)

    public var description: String {
        switch self {
        case .badOption(let message): return message
        case .tooFewPhotos(let found, let needed, let detail):
            return "\(found) labelled photo\(found == 1 ? "" : "s") found, at least \(needed) needed: \(detail)"
        case .badCheckpoint(let path, let reason): return "\(path): cannot resume from this checkpoint: \(reason)"
        case .incompatibleModel(let path, let reason): return "\(path): \(reason)"
        }
    }
}
