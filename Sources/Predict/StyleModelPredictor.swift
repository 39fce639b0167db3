import Foundation
import ImageIO
import Training
import XMP

/// `predict`'s view of a `StyleModel`, with a confidence for every photo.
///
/// Each photo is also run mirrored left to right (its correct settings do not change), and the
/// prediction written is the mean of both views (``MirroredViews``, which `evaluate` scores
/// too). The confidence, for a model learnt by the closed-form learner, is the learner's own
/// (``PredictiveUncertainty``: how far the photo's embedding lies from the edits', and how
/// consistent the photographer was on each setting). For other models it is the views'
/// agreement: exp(−spread / 0.05), where spread is the mean absolute difference between the views
/// over the settings, in scaled units (exposure / 5, others / 100): 1 for identical answers, 0.37
/// for a spread of 1 EV/20 = 5 slider points.
public final class StyleModelPredictor: SettingsPredictor, @unchecked Sendable {
    // @unchecked: the model is used by one thread at a time; `lock` makes sure of it.
    private let model: StyleModel
    private let lock = NSLock()
    /// Run the mirrored view (doubles the model's work); without it, the photo as given alone
    /// answers and there is no confidence.
    public let estimatesConfidence: Bool

    /// The closed-form learner's uncertainty, when the model has one.
    private let uncertainty: PredictiveUncertainty.Scorer?

    public init(model: StyleModel, estimatesConfidence: Bool = true) {
        self.model = model
        self.estimatesConfidence = estimatesConfidence
        uncertainty = estimatesConfidence ? model.uncertainty?.scorer() : nil
    }

    public var identity: String { model.identity }
    public var recipe: PreprocessRecipe { model.recipe }
    public var descriptors: [SettingDescriptor] { model.descriptors }
    public var learntFromHDREdits: Bool { model.learntFromHDREdits }

    /// The spread at which confidence falls to 1/e.
    static let spreadScale = 0.05

    public func predict(_ batch: [ImageTensor]) throws -> [SettingsPrediction] {
        lock.lock()
        defer { lock.unlock() }
        guard estimatesConfidence else {
            return try model.predict(batch).map { SettingsPrediction(unitValues: $0.map(Double.init)) }
        }
        // Embeddings only where the learner's uncertainty needs them.
        let views = try model.predictBothViews(batch, embeddings: uncertainty != nil)
        let spread = views.spread
        return zip(views.mean, batch.indices).map { mean, index in
            let values = mean.map(Double.init)
            if let uncertainty {
                return SettingsPrediction(unitValues: values, confidence: uncertainty.confidence(views.embeddings[index]))
            }
            return SettingsPrediction(unitValues: values, confidence: exp(-spread[index] / Self.spreadScale))
        }
    }
}
