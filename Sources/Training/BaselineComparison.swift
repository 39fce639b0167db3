/// The model against the baselines on one validation set: what `autotone evaluate` reports.
public struct BaselineComparison: Codable, Sendable, Equatable {
    /// A baseline's figures and the model's ratio to them.
    public struct Entry: Codable, Sendable, Equatable {
        public var name: String
        public var metrics: EvaluationMetrics
        /// Model ÷ baseline: below 1 means the model is better.
        public var modelRatio: MetricRatios
    }

    public var model: EvaluationMetrics
    /// "mean", "guesser", given embeddings "nearest neighbour", then any further baselines given
    /// as predictions ("ridge on image statistics" in `evaluate`), in that order.
    public var baselines: [Entry]

    /// Figures for `modelPredictions` on `validationLabels`, and for the baselines fitted to
    /// `trainingLabels`. The nearest-neighbour baseline is included when both embedding lists
    /// are given. The guesser is averaged over `guesserDraws` draws from `generator`. With
    /// `imageError` (made for the validation photos and labels), every entry gets its mean ΔE.
    public init(modelPredictions: [[Float]], validationLabels: [ScaledLabel], trainingLabels: [ScaledLabel],
                space: LabelSpace, trainingEmbeddings: [[Float]]? = nil, validationEmbeddings: [[Float]]? = nil,
                guesserDraws: Int = 10, imageError: ImageSpaceDistance? = nil,
                further: [(name: String, predictions: [[Float]])] = [],
                using generator: inout some RandomNumberGenerator) {
        func metrics(_ predictions: [[Float]]) -> EvaluationMetrics {
            var result = EvaluationMetrics(predictions: predictions, truths: validationLabels, space: space)
            result.meanDeltaE = imageError?.mean(predictions)
            return result
        }
        let model = metrics(modelPredictions)
        var baselines: [(String, EvaluationMetrics)] = [
            ("mean", metrics(MeanBaseline(trainingLabels: trainingLabels).predictions(count: validationLabels.count))),
            ("guesser", GuesserBaseline(trainingLabels: trainingLabels)
                .evaluate(truths: validationLabels, space: space, draws: guesserDraws, imageError: imageError,
                          using: &generator)),
        ]
        if let trainingEmbeddings, let validationEmbeddings {
            let nearest = NearestNeighbourBaseline(trainingEmbeddings: trainingEmbeddings, trainingLabels: trainingLabels)
            baselines.append(("nearest neighbour", metrics(nearest.predictions(for: validationEmbeddings))))
        }
        for baseline in further { baselines.append((baseline.name, metrics(baseline.predictions))) }
        self.model = model
        self.baselines = baselines.map { Entry(name: $0.0, metrics: $0.1, modelRatio: model.ratio(to: $0.1)) }
    }
}
