import SeededRandom
import Foundation
import ImageIO

/// A figure's mean and spread (population standard deviation) over folds.
public struct FoldSpread: Codable, Sendable, Equatable {
    public var name: String
    public var mean: Double
    public var standardDeviation: Double
    public var values: [Double]

    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
        mean = values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
        let m = mean
        standardDeviation = values.isEmpty ? .nan
            : (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count)).squareRoot()
    }
}

/// K-fold cross-validation by capture time: for each fold a fresh model is trained on the other
/// folds (for the options' epochs, without early stopping: the evaluated fold is never used to
/// pick a model) and evaluated against the baselines on this one. Reports each fold and the mean and
/// spread of the MSE of the model and each baseline, of the model's ratio to each baseline, and
/// of the image-space error (mean ΔE) of the model and each baseline.
public struct CrossValidationResult: Codable, Sendable, Equatable {
    public var folds: [ModelEvaluation]
    /// Model and baseline MSEs, then the model's ratios, each with mean and spread.
    public var summary: [FoldSpread]

    public init(folds: [ModelEvaluation]) {
        self.folds = folds
        var summary = [FoldSpread(name: "model MSE", values: folds.compactMap { $0.comparison.model.meanSquaredError })]
        let names = folds.first?.comparison.baselines.map(\.name) ?? []
        for (index, name) in names.enumerated() {
            summary.append(FoldSpread(name: "\(name) MSE", values: folds.compactMap { $0.comparison.baselines[index].metrics.meanSquaredError }))
        }
        for (index, name) in names.enumerated() {
            summary.append(FoldSpread(name: "model ÷ \(name)", values: folds.compactMap { $0.comparison.baselines[index].modelRatio.meanSquaredError }))
        }
        // Image-space error, when the folds measured it.
        if folds.contains(where: { $0.comparison.model.meanDeltaE != nil }) {
            summary.append(FoldSpread(name: "model ΔE image", values: folds.compactMap { $0.comparison.model.meanDeltaE }))
            for (index, name) in names.enumerated() {
                summary.append(FoldSpread(name: "\(name) ΔE image", values: folds.compactMap { $0.comparison.baselines[index].metrics.meanDeltaE }))
            }
        }
        self.summary = summary
    }

    /// Trains and evaluates on each of `count` capture-time folds. `makeModel(fold)` gives each
    /// fold's starting model (a fresh copy every time) given the fold's training labels. `onFold` sees each fold's result.
    public static func run(images: [LinearImage], labels: [ScaledLabel], captureTimes: [Date?], names: [String],
                           count: Int, options: TrainerOptions, policy: AugmentationPolicy, smoothing: LabelSmoothing,
                           makeModel: (Int, [ScaledLabel]) throws -> StyleModel,
                           onEpoch: ((Int, EpochRecord, TrainingState) -> Void)? = nil,
                           onFold: ((Int, ModelEvaluation) -> Void)? = nil) throws -> CrossValidationResult {
        try run(images: images, labels: labels, captureTimes: captureTimes, names: names, count: count,
                seed: options.seed, threads: options.threads, onFold: onFold) { index, split in
            let model = try makeModel(index, split.training.map { labels[$0] })
            let space = LabelSpace(descriptors: model.descriptors)
            // The fold being evaluated must not steer training (early stopping, best epoch): the
            // model trains for the options' epochs on the other folds alone, blind to this one.
            let blind = CaptureTimeSplit(training: split.training, validation: [], groups: split.groups)
            let data = AugmentedDataset(images: images, labels: labels, captureTimes: captureTimes, split: blind,
                                        space: space, policy: policy, smoothing: smoothing, seed: options.seed)
            let trainer = try Trainer(model: model, options: options)
            try trainer.train(data) { onEpoch?(index, $0, $1) }
            return model
        }
    }

    /// The same for the closed-form learner: each fold's head is chosen and fitted by
    /// ``ClosedFormFit`` on the other folds' photos alone (its own inner cross-validation
    /// included), starting from `makeModel(fold)`.
    public static func runClosedForm(images: [LinearImage], labels: [ScaledLabel], captureTimes: [Date?], names: [String],
                                     count: Int, seed: UInt64, learner: FewShotLearner = FewShotLearner(),
                                     makeModel: (Int) throws -> StyleModel,
                                     onFold: ((Int, ModelEvaluation) -> Void)? = nil) throws -> CrossValidationResult {
        try run(images: images, labels: labels, captureTimes: captureTimes, names: names, count: count,
                seed: seed, threads: 2, onFold: onFold) { index, split in
            let model = try makeModel(index)
            _ = try ClosedFormFit.fit(model: model, images: images, labels: labels, captureTimes: captureTimes,
                                      training: split.training, learner: learner, seed: seed)
            return model
        }
    }

    /// The folds, each trained by `train(fold, split)` and evaluated on its validation photos.
    static func run(images: [LinearImage], labels: [ScaledLabel], captureTimes: [Date?], names: [String],
                    count: Int, seed: UInt64, threads: Int, onFold: ((Int, ModelEvaluation) -> Void)?,
                    train: (Int, CaptureTimeSplit) throws -> StyleModel) throws -> CrossValidationResult {
        guard count >= 2 else { throw TrainingError.badOption("cross-validation needs at least 2 folds, not \(count)") }
        var generator = Xoshiro256StarStar(seed: seed, stream: [0xF01D5])
        let folds: [CaptureTimeSplit]
        do {
            folds = try CaptureTimeSplit.folds(captureTimes: captureTimes, count: count, using: &generator)
        } catch let error as SplitError {
            throw TrainingError(error, photos: captureTimes.count)
        }
        var results: [ModelEvaluation] = []
        for (index, split) in folds.enumerated() {
            let model = try train(index, split)
            let evaluation = try ModelEvaluation.run(model: model, images: images, labels: labels, names: names,
                                                     split: split, captureTimes: captureTimes, seed: seed, threads: threads)
            onFold?(index, evaluation)
            results.append(evaluation)
        }
        return CrossValidationResult(folds: results)
    }
}
