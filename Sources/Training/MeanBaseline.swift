/// Baseline (a): predict the mean of the training labels for every photo. A model must beat
/// this clearly to be worth having (for 20 photos of one real shoot: MSE 0.043 on average).
public struct MeanBaseline: Sendable, Equatable {
    /// The prediction, in scaled units; 0 for a setting no training label has.
    public let prediction: [Float]

    public init(trainingLabels: [ScaledLabel]) {
        prediction = SettingStatistics(labels: trainingLabels).mean.map(Float.init)
    }

    /// The same prediction for each of `count` photos.
    public func predictions(count: Int) -> [[Float]] {
        Array(repeating: prediction, count: count)
    }
}
