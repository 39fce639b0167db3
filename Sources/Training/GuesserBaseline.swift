/// Baseline (b), the seed project's guesser: each setting drawn independently from a normal
/// distribution fitted (mean, population standard deviation) to the training labels.
///
/// For a truth X and an independent guess X′ from the same distribution, E[(X − X′)²] = 2σ²,
/// twice the mean baseline's σ²: the guesser is a floor, not a competitor. Its figure is
/// random, so `evaluate` averages it over several draws.
public struct GuesserBaseline: Sendable, Equatable {
    public let statistics: SettingStatistics

    public init(trainingLabels: [ScaledLabel]) {
        statistics = SettingStatistics(labels: trainingLabels)
    }

    /// `count` guesses, one normal draw per setting each. O(count × settings).
    public func predictions(count: Int, using generator: inout some RandomNumberGenerator) -> [[Float]] {
        (0..<count).map { _ in
            zip(statistics.mean, statistics.standardDeviation).map { mean, deviation in
                Float(generator.nextGaussian(mean: mean, standardDeviation: deviation))
            }
        }
    }

    /// The guesser's figures on `truths`, averaged over `draws` independent sets of guesses;
    /// with `imageError` (made for the same truths), each draw's image-space error too.
    public func evaluate(truths: [ScaledLabel], space: LabelSpace, draws: Int = 10, imageError: ImageSpaceDistance? = nil,
                         using generator: inout some RandomNumberGenerator) -> EvaluationMetrics {
        precondition(draws >= 1, "the guesser needs at least one draw")
        return EvaluationMetrics.mean(of: (0..<draws).map { _ in
            let guesses = predictions(count: truths.count, using: &generator)
            var metrics = EvaluationMetrics(predictions: guesses, truths: truths, space: space)
            metrics.meanDeltaE = imageError?.mean(guesses)
            return metrics
        })
    }
}
