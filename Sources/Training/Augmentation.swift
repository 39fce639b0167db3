/// One way of changing a training sample, with its random choice kept apart from its effect.
///
/// `draw` makes every random decision and returns them as `Parameters`; `apply` is a pure
/// function of the parameters and the sample. A test can therefore apply chosen parameters, a
/// report can say what was drawn, and the same seed gives the same parameters.
///
/// Geometric augmentations move pixels and leave the label alone (where things are in the frame
/// does not change how the photographer developed it). The only photometric one that changes
/// pixel values systematically is the exposure shift, whose label follows exactly.
public protocol Augmentation: Sendable {
    associatedtype Parameters: Sendable, Equatable

    /// A short name for reports and logs.
    var name: String { get }

    /// Every random decision for augmenting `sample` (its size, and its label where the
    /// augmentation must keep the label in range).
    func draw(for sample: TrainingSample, using generator: inout some RandomNumberGenerator) -> Parameters

    /// `sample` changed as `parameters` say; the image keeps its size.
    func apply(_ parameters: Parameters, to sample: TrainingSample) -> TrainingSample
}

extension Augmentation {
    /// Draws parameters for `sample` and applies them.
    public func augment(_ sample: TrainingSample, using generator: inout some RandomNumberGenerator) -> TrainingSample {
        apply(draw(for: sample, using: &generator), to: sample)
    }
}
