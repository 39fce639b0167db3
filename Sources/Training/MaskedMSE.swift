import ViT

/// The training loss on labels: `ViTLayers.mseLoss` (mean squared error on scaled settings),
/// counting only the settings a photo's label has, each weighted.
///
///     loss = Σ_b Σ_o w_o · m_bo · (y_bo − t_bo)² / Σ_b Σ_o w_o · m_bo
///
/// where m_bo is 1 when photo b has setting o and 0 when it is absent (an absent setting
/// contributes nothing, neither to the error nor to the count). With every setting present and
/// no weights this is the plain mean over photos and settings, the seed project's metric.
public struct MaskedMSE: Sendable, Equatable {
    /// One weight per setting (non-negative, not all zero); nil weighs every setting 1.
    public var weights: [Float]?

    public init(weights: [Float]? = nil) {
        if let weights {
            precondition(weights.allSatisfy { $0 >= 0 && $0.isFinite } && weights.contains { $0 > 0 },
                         "setting weights must be non-negative, finite and not all zero")
        }
        self.weights = weights
    }

    /// The loss of `outputs` (batch × settings, row-major) against `labels`, and, when
    /// `gradient` is given, d loss / d outputs written into it. A batch without a single present
    /// entry has loss 0 and zero gradient. O(batch × settings).
    public func loss(outputs: UnsafePointer<Float>, labels: [ScaledLabel],
                     gradient: UnsafeMutablePointer<Float>? = nil) -> Float {
        let settings = labels.first?.count ?? 0
        if let weights { precondition(weights.count == settings, "one weight per setting") }
        guard settings > 0 else { return 0 }
        let targets = labels.flatMap(\.values), present = labels.flatMap(\.isPresent)
        precondition(targets.count == labels.count * settings, "every label has the same settings")
        return targets.withUnsafeBufferPointer { t in
            present.withUnsafeBufferPointer { m in
                (weights ?? []).withUnsafeBufferPointer { w in
                    ViTLayers.mseLoss(outputs, targets: t.baseAddress!, weights: weights == nil ? nil : w.baseAddress,
                                      present: m.baseAddress!, dy: gradient, batch: labels.count, outputs: settings)
                }
            }
        }
    }

    /// The loss of predictions given as arrays.
    public func loss(predictions: [[Float]], labels: [ScaledLabel]) -> Float {
        precondition(predictions.count == labels.count, "one prediction per label")
        let flat = predictions.flatMap { $0 }
        return flat.withUnsafeBufferPointer { loss(outputs: $0.baseAddress!, labels: labels) }
    }
}
