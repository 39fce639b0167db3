import SeededRandom
import Foundation
import ImageIO
import Tensor

/// One validation photo's outcome: the truth and the model's prediction in slider units.
public struct PhotoOutcome: Codable, Sendable, Equatable {
    public var name: String
    /// Index into the images the evaluation was given.
    public var index: Int
    /// Slider values in the label space's order; nil where the photo lacks the setting.
    public var truth: [Double?]
    public var prediction: [Double]
    /// Mean squared error over the photo's present settings, in scaled units.
    public var squaredError: Double
    /// Mean ΔE76 between the photo rendered with the prediction and with the truth
    /// (``ImageSpaceDistance``); nil when not measured.
    public var deltaE: Double?
    /// The model's confidence (``PredictiveUncertainty``), for models learnt in closed form.
    public var confidence: Double?
}

/// The model against the baselines on a split's validation photos: what `autotone evaluate`
/// prints, writes as JSON and draws in its report.
public struct ModelEvaluation: Codable, Sendable, Equatable {
    public var space: LabelSpace
    public var comparison: BaselineComparison
    public var trainingCount: Int
    /// Validation photos, in split order.
    public var photos: [PhotoOutcome]
    /// The training photos' labels in slider units (for the report's histograms).
    public var trainingTruths: [[Double?]]
    /// Spearman's rank correlation between the model's confidence and its squared error over the
    /// validation photos (useful confidence makes it clearly negative); nil without confidence.
    public var confidenceErrorCorrelation: Double?

    /// Predicts every validation photo of `split` as `predict` does (the mean of the photo's two
    /// views, ``MirroredViews``), embeds both sides for the nearest-neighbour
    /// baseline and compares with the mean, guesser (`guesserDraws` draws seeded by `seed`),
    /// nearest-neighbour and image-statistics ridge baselines fitted on the training labels as
    /// read (never smoothed); `captureTimes` group the training photos into bursts for the
    /// ridge's cross-validation (without them, each photo is its own burst).
    /// Unless `imageSpace` is false, every predictor's settings and the truth are also rendered
    /// on the validation photos (the shrunk linear `images`) and compared by mean ΔE.
    /// O(photos × forward pass + validation photos × (guesser draws + 4) renderings).
    public static func run(model: StyleModel, images: [LinearImage], labels: [ScaledLabel], names: [String],
                           split: CaptureTimeSplit, captureTimes: [Date?]? = nil, guesserDraws: Int = 10, seed: UInt64 = 0,
                           imageSpace: Bool = true, threads: Int = 2) throws -> ModelEvaluation {
        precondition(images.count == labels.count && labels.count == names.count, "one label and name per image")
        guard !split.validation.isEmpty, !split.training.isEmpty else {
            throw TrainingError.tooFewPhotos(found: images.count, needed: 2,
                                             detail: "evaluation needs photos on both sides of the split")
        }
        let space = LabelSpace(descriptors: model.descriptors)
        let preprocessor = Preprocessor(recipe: model.recipe)
        func run<T>(_ indices: [Int], _ body: (Tensor) throws -> [T]) throws -> [T] {
            var result: [T] = []
            let size = model.recipe.inputSize
            for start in stride(from: 0, to: indices.count, by: 32) {
                let chunk = indices[start..<min(indices.count, start + 32)]
                let data = Trainer.encode(chunk.map { images[$0] }, preprocessor: preprocessor, threads: threads)
                result += try body(Tensor(shape: [chunk.count, 3, size, size], data: data))
            }
            return result
        }
        // What `predict` writes: the mean of each photo's two views.
        let validationViews = try run(split.validation) { batch in
            let views = try model.predictBothViews(batch, embeddings: true)
            return Array(zip(views.mean, views.embeddings))
        }
        let predictions = validationViews.map { $0.0 }, validationEmbeddings = validationViews.map { $0.1 }
        let trainingEmbeddings = try run(split.training) { try model.network.embedding(batch: $0) }
        model.network.releaseActivations()
        let truths = split.validation.map { labels[$0] }
        let imageError = imageSpace
            ? ImageSpaceDistance(images: split.validation.map { images[$0] }, truths: truths, space: space) : nil
        var generator = Xoshiro256StarStar(seed: seed, stream: [0x6E55E2])
        // Without capture times every photo is its own burst (one second apart is not a burst).
        let times = captureTimes ?? images.indices.map { Date(timeIntervalSince1970: Double($0) * 3600) }
        let statisticsRidge = StatisticsRidgeBaseline(
            trainingFeatures: split.training.map { ImageStatisticsFeatures.features(of: images[$0]) },
            trainingLabels: split.training.map { labels[$0] }, captureTimes: split.training.map { times[$0] }, seed: seed)
        let comparison = BaselineComparison(
            modelPredictions: predictions, validationLabels: truths, trainingLabels: split.training.map { labels[$0] },
            space: space, trainingEmbeddings: trainingEmbeddings, validationEmbeddings: validationEmbeddings,
            guesserDraws: guesserDraws, imageError: imageError,
            further: [(StatisticsRidgeBaseline.name, statisticsRidge.predictions(
                for: split.validation.map { ImageStatisticsFeatures.features(of: images[$0]) }))],
            using: &generator)
        let scorer = model.uncertainty?.scorer()
        let confidences = scorer.map { scorer in validationEmbeddings.map { scorer.confidence($0) } }
        let loss = MaskedMSE()
        let deltaEs = imageError?.perPhoto(predictions)
        let photos = zip(split.validation, predictions).enumerated().map { position, pair in
            let (index, prediction) = pair
            return PhotoOutcome(name: names[index], index: index, truth: slider(labels[index], space),
                                prediction: zip(prediction, space.settings).map { Double($1.slider($0)) },
                                squaredError: Double(loss.loss(predictions: [prediction], labels: [labels[index]])),
                                deltaE: deltaEs?[position], confidence: confidences?[position])
        }
        let correlation = confidences.flatMap { RankCorrelation.spearman($0, photos.map(\.squaredError)) }
        return ModelEvaluation(space: space, comparison: comparison, trainingCount: split.training.count, photos: photos,
                               trainingTruths: split.training.map { slider(labels[$0], space) },
                               confidenceErrorCorrelation: correlation)
    }

    static func slider(_ label: ScaledLabel, _ space: LabelSpace) -> [Double?] {
        space.settings.indices.map { setting in label[setting: setting].map { Double(space.settings[setting].slider($0)) } }
    }

    /// Validation photos from the largest error to the smallest.
    public var worstFirst: [PhotoOutcome] {
        photos.sorted { ($0.squaredError, $1.index) > ($1.squaredError, $0.index) }
    }
}
