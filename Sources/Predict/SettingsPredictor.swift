import ImageIO
import XMP

/// A model that predicts develop settings from preprocessed photos: what `predict` needs of one,
/// whatever its architecture.
public protocol SettingsPredictor: Sendable {
    /// Identifies the model in sidecars (`autotone:Model`), so a re-run can tell its own
    /// predictions apart from another model's.
    var identity: String { get }
    /// How photos must be preprocessed for this model.
    var recipe: PreprocessRecipe { get }
    /// The settings the model predicts, in output order, with their scales.
    var descriptors: [SettingDescriptor] { get }
    /// True when the model learnt from HDR edits: its predictions are meant for HDR mode.
    var learntFromHDREdits: Bool { get }
    /// Predictions for a batch of input tensors, in order.
    func predict(_ batch: [ImageTensor]) throws -> [SettingsPrediction]
}

/// One photo's prediction: the network's outputs in (-1, 1) and how much to trust them.
public struct SettingsPrediction: Sendable, Equatable {
    /// One value per descriptor, in (-1, 1).
    public var unitValues: [Double]
    /// 0…1, higher is more trustworthy; see the model's documentation for what it measures.
    public var confidence: Double?

    public init(unitValues: [Double], confidence: Double? = nil) {
        self.unitValues = unitValues
        self.confidence = confidence
    }
}
