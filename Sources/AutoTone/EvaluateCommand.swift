import ArgumentParser
import Foundation
import ImageIO
import Training
import ViT

/// `autotone evaluate SHOOT… [--weights FILE]`: the model against the simple answers on the
/// photographer's own edits, on the same split as `finetune`.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Compare a model with the mean, guesser, nearest-neighbour and image-statistics ridge baselines on a shoot's edited RAWs.")

    @OptionGroup var edits: EditedShootOptions

    @Option(help: "The weights to evaluate (default: the shipped Weights/autotone-vit-tiny.safetensors).")
    var weights: String?

    /// The weights as messages and the JSON name them.
    private var weightsPath: String { weights ?? ShippedWeights.locate()?.path ?? ShippedWeights.relativePath }

    @Option(help: "Validation share (default: the one recorded by finetune, else 0.2).") var validationFraction: Double?
    @Option(help: "Split seed (default: the one recorded by finetune, else 0).") var seed: UInt64?
    @Option(help: "Guesser draws to average.") var guesserDraws = 10
    @Option(help: "Write an HTML report with charts and thumbnails into this folder (its index.html must be new or AutoTone's).") var report: String?
    @Flag(help: "With --report: replace index.html and thumbnails even when AutoTone did not write them (never a photo or a sidecar).")
    var force = false
    @Option(help: "Retrain and evaluate over K capture-time folds, reporting mean and spread.") var crossValidate: Int?
    @Option(name: .customLong("init"), help: "Where a closed-form model is refitted (--cross-validate, or a model that learnt from the validation photos): start from these weights instead of the recorded start.")
    var initPath: String?
    @Flag(help: "Print one JSON object instead of the table.") var json = false

    func validate() throws {
        if let validationFraction, !(0..<1).contains(validationFraction) || validationFraction == 0 {
            throw ValidationError("--validation-fraction must lie in (0, 1).")
        }
        if let crossValidate, crossValidate < 2 { throw ValidationError("--cross-validate needs at least 2 folds.") }
        if guesserDraws < 1 { throw ValidationError("--guesser-draws must be at least 1.") }
        if force && report == nil { throw ValidationError("--force applies to --report.") }
    }

    func run() throws {
        do {
            try evaluate()
        } catch let error as ExitCode {
            throw error
        } catch {
            Diagnostics.report(error)
            throw ExitCode(1)
        }
    }

    private func evaluate() throws {
        if let report {
            // Before the work, so a refused folder costs nothing; write() checks again.
            let folder = URL(fileURLWithPath: report)
            var info = stat()
            if stat(folder.path, &info) == 0 && info.st_mode & S_IFMT != S_IFDIR {
                throw OutputRefusal(path: report, option: "--report", reason: "exists and is a file, not a folder")
            }
            try OutputFile(folder.appendingPathComponent("index.html"), kind: .report).check(force: force, option: "--report")
        }
        let model = try CommandModel.load(weights)
        let record = FineTuneRecord.stored(in: model)
        let space = LabelSpace(descriptors: model.descriptors)
        let (dataset, tensors) = try edits.load(space: space, recipe: model.recipe, quiet: json)
        let names = tensors.photos.map(\.name)
        if let folds = crossValidate {
            try crossValidation(folds: folds, model: model, record: record, tensors: tensors, names: names)
            return
        }
        // A closed-form model learnt from every edit (its recorded fraction is 0) has no unseen photo.
        let recorded = record.flatMap { $0.validationFraction > 0 ? $0.validationFraction : nil }
        let fraction = validationFraction ?? recorded ?? 0.2
        let splitSeed = seed ?? record?.splitSeed ?? 0
        let split = try FineTuning.split(captureTimes: tensors.captureTimes, validationFraction: fraction, seed: splitSeed)
        let validationNames = split.validation.map { names[$0] }
        if let record, validationFraction == nil, seed == nil, record.validationPhotos != validationNames, !json,
           record.validationFraction > 0 {
            TrainingCommandSupport.note("note: the photos differ from those \(weightsPath) was fine-tuned on, so the split differs too")
        }
        let evaluated = try unseenValidation(model: model, record: record, tensors: tensors, split: split,
                                             validationNames: validationNames)
        let evaluation = try ModelEvaluation.run(model: evaluated, images: tensors.images, labels: tensors.labels, names: names,
                                                 split: split, captureTimes: tensors.captureTimes,
                                                 guesserDraws: guesserDraws, seed: splitSeed)
        var reportPath: String?
        if let report {
            reportPath = try EvaluationReport(evaluation: evaluation, modelName: model.identity)
                .write(to: URL(fileURLWithPath: report), images: tensors.images, preprocessor: Preprocessor(recipe: model.recipe),
                       force: force).path
        }
        if json {
            print(try JSONLine.encode(EvaluateResult(
                weights: weightsPath, identity: model.identity, validationFraction: fraction, splitSeed: splitSeed,
                validationPhotos: validationNames, skipped: dataset.skipped, evaluation: evaluation, report: reportPath,
                refitted: evaluated !== model)))
        } else {
            print("\(model.identity) on \(edits.shoots.joined(separator: ", ")) (split seed \(splitSeed), validation fraction \(fraction))")
            print(evaluation.table)
            if let reportPath { print("report: \(reportPath)") }
        }
    }

    /// The model to measure on `split`'s validation photos: `model` itself, unless it is a
    /// closed-form model that learnt from some of them; then the same learner is refitted on the
    /// training side from the weights it started from (seconds), so every figure is on unseen photos.
    private func unseenValidation(model: StyleModel, record: FineTuneRecord?, tensors: TensorDataset,
                                  split: CaptureTimeSplit, validationNames: [String]) throws -> StyleModel {
        guard let record, record.learner == FinetuneCommand.LearnerKind.closedForm.rawValue,
              !Set(validationNames).isDisjoint(with: record.trainingPhotos) else { return model }
        let start = initPath ?? record.initialWeights
        guard FileManager.default.fileExists(atPath: start) else {
            throw TrainingError.badOption("\(weightsPath) learnt from the photos it would be measured on, and the weights it "
                                          + "started from (\(start)) are missing to refit it: pass --init FILE")
        }
        if !json {
            TrainingCommandSupport.note("note: \(weightsPath) learnt from \(validationNames.count) of these validation photos; "
                                        + "its learner is refitted from \(start) on the \(split.training.count) training photos, "
                                        + "so the figures are on unseen photos")
        }
        let refitted = try StyleModel.load(URL(fileURLWithPath: start))
        _ = try ClosedFormFit.fit(model: refitted, images: tensors.images, labels: tensors.labels,
                                  captureTimes: tensors.captureTimes, training: split.training,
                                  learner: record.closedForm?.learner ?? FewShotLearner(), seed: record.splitSeed)
        return refitted
    }

    private func crossValidation(folds: Int, model: StyleModel, record: FineTuneRecord?, tensors: TensorDataset,
                                 names: [String]) throws {
        guard let record else {
            throw TrainingError.badOption("\(weightsPath): no fine-tuning record, so the training options to repeat are unknown")
        }
        let start = initPath ?? record.initialWeights
        let onFold: (Int, ModelEvaluation) -> Void = { fold, evaluation in
            if !json {
                TrainingCommandSupport.note(String(format: "fold %d/%d: model MSE %.4f, mean baseline %.4f", fold + 1, folds,
                                                   evaluation.comparison.model.meanSquaredError ?? .nan,
                                                   evaluation.comparison.baselines.first?.metrics.meanSquaredError ?? .nan))
            }
        }
        if record.learner == FinetuneCommand.LearnerKind.closedForm.rawValue {
            guard FileManager.default.fileExists(atPath: start) else {
                throw TrainingError.badOption("\(start): the weights fine-tuning started from are missing; pass --init FILE")
            }
            let result = try CrossValidationResult.runClosedForm(
                images: tensors.images, labels: tensors.labels, captureTimes: tensors.captureTimes, names: names,
                count: folds, seed: record.splitSeed, learner: record.closedForm?.learner ?? FewShotLearner(),
                makeModel: { _ in try StyleModel.load(URL(fileURLWithPath: start)) }, onFold: onFold)
            try printCrossValidation(result, folds: folds, start: start)
            return
        }
        let space = LabelSpace(descriptors: model.descriptors)
        let smoothing = try LabelSmoothing(parsing: record.smoothing, noise: record.labelNoise)
        let config = model.network.config
        let reporter = TrainingCommandSupport.epochReporter(quiet: json)
        let result = try CrossValidationResult.run(
            images: tensors.images, labels: tensors.labels, captureTimes: tensors.captureTimes, names: names,
            count: folds, options: record.options,
            policy: AugmentationPolicy.standard(space: space, copiesPerPhoto: record.augmentCopies), smoothing: smoothing,
            makeModel: { _, trainingLabels in
                if start.hasPrefix("scratch:") {
                    let fresh = try FineTuning.scratchModel(config: config, seed: record.options.seed)
                    fresh.startHeadAtMeanIfNew(of: trainingLabels, fromScratch: true)
                    return fresh
                }
                guard FileManager.default.fileExists(atPath: start) else {
                    throw TrainingError.badOption("\(start): the weights fine-tuning started from are missing; pass --init FILE")
                }
                let loaded = try StyleModel.load(URL(fileURLWithPath: start), seed: record.options.seed)
                loaded.startHeadAtMeanIfNew(of: trainingLabels, fromScratch: false)
                return loaded
            },
            onEpoch: { fold, epoch, state in reporter(epoch, state); _ = fold },
            onFold: onFold)
        try printCrossValidation(result, folds: folds, start: start)
    }

    private func printCrossValidation(_ result: CrossValidationResult, folds: Int, start: String) throws {
        if json {
            print(try JSONLine.encode(result))
        } else {
            print("\(folds)-fold cross-validation by capture time, training from \(start)")
            for figure in result.summary {
                print(figure.name.padding(toLength: 28, withPad: " ", startingAt: 0)
                      + String(format: "%.4f ± %.4f", figure.mean, figure.standardDeviation))
            }
        }
    }
}

/// `evaluate --json`'s object.
struct EvaluateResult: Encodable {
    var weights: String
    var identity: String
    var validationFraction: Double
    var splitSeed: UInt64
    var validationPhotos: [String]
    var skipped: [SkippedFile]
    var evaluation: ModelEvaluation
    var report: String?
    /// True when the closed-form learner was refitted on the training side, because the model
    /// had learnt from the validation photos.
    var refitted: Bool
}
