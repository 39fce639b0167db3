import ArgumentParser
import Foundation
import ImageIO
import Training
import ViT

/// `autotone finetune SHOOT… --out FILE`: learns the photographer's style from the photos of the
/// shoot(s) that carry their Lightroom edits.
struct FinetuneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "finetune",
        abstract: "Learn a photographer's style from the edited RAWs of one or more shoots.")

    @OptionGroup var edits: EditedShootOptions

    @Option(help: "Where to write the fine-tuned weights (.safetensors): a new file, or weights AutoTone wrote.")
    var out: String

    @Flag(help: "Replace --out (and its .training files) even when AutoTone did not write them, or when --out is the shipped weights (never a photo or a sidecar).")
    var force = false

    @Option(help: "closed-form (default: a new head on the network's features, chosen by cross-validation on the edits, in seconds) or gradient (fine-tune the network by backpropagation, minutes).")
    var learner: LearnerKind = .closedForm

    @Option(name: .customLong("family"), help: ArgumentHelp(
        "With closed-form: try only these candidate families (repeat the option; the mean is always tried): offset, rescaled, ridge-from-neutral, ridge. For comparing them; the default tries all.",
        valueName: "family"))
    var families: [CandidateFamily] = []
    @Flag(help: "With closed-form: keep each setting's single best candidate instead of averaging the best of each family.")
    var noEnsemble = false
    /// With closed-form: the penalties tried instead of FewShotLearner's (repeat; for experiments).
    @Option(name: .customLong("lambda"), help: .hidden) var lambdas: [Double] = []

    @Option(name: .customLong("init"), help: "Start from these weights (an AutoTone model or a Hugging Face ViT checkpoint).")
    var initPath: String?

    @Flag(help: "Start from freshly initialised weights.")
    var fromScratch = false

    @Option(help: "Model size with --from-scratch: tiny, small, base or micro.")
    var config = "tiny"

    @Option(help: "Training epochs (default 10).") var epochs: Int?
    @Option(help: "Photos per batch (default 12).") var batchSize: Int?
    @Option(help: "Peak learning rate (default 5e-4).") var learningRate: Double?
    @Option(help: "Stop after this many epochs without a better validation loss (default 3; 0 never stops early).")
    var patience: Int?
    @Option(help: "Share of the labelled photos held out for validation (bursts stay together; default 0 for closed-form, which cross-validates on every edit, 0.2 for gradient).")
    var validationFraction: Double?
    @Option(help: "Seed for the split, initialisation, augmentation and shuffling.") var seed: UInt64 = 0
    @Option(help: "Augmented copies of each photo per epoch.") var augmentCopies = 8
    @Option(help: "Label smoothing over capture time: none, moving-average:N (N odd) or gaussian:S.")
    var smoothing: LabelSmoothing.Filter = .none
    @Option(help: "Gaussian noise added to training labels each epoch, in scaled units.") var labelNoise = 0.0
    @Option(help: "Freeze parameters: none, head (train only the head) or last:N (train the last N blocks).")
    var freeze: FreezeOption = .none
    @Option(help: "Continue the run saved in this checkpoint (OUT.training/last.safetensors).") var resume: String?
    @Flag(help: "Print one JSON object with the result instead of text.") var json = false

    func validate() throws {
        if initPath != nil && fromScratch { throw ValidationError("--init and --from-scratch exclude each other.") }
        if let bad = lambdas.first(where: { !($0 > 0 && $0.isFinite) }) {
            throw ValidationError("--lambda \(bad): a penalty must be a positive number.")
        }
        if resume != nil && (initPath != nil || fromScratch) {
            throw ValidationError("--resume continues a run; it takes no --init or --from-scratch.")
        }
        if ViTConfig.presets[config] == nil {
            throw ValidationError("--config must be one of \(ViTConfig.presets.keys.sorted().joined(separator: ", ")), not \(config).")
        }
        do { _ = try LabelSmoothing(filter: smoothing, noise: labelNoise) } catch { throw ValidationError("--label-noise: \(error)") }
        if augmentCopies < 0 { throw ValidationError("--augment-copies must not be negative.") }
        if let validationFraction, !(0..<1).contains(validationFraction) {
            throw ValidationError("--validation-fraction must lie in 0..<1.")
        }
        if learner == .closedForm {
            let gradientOnly = [("--epochs", epochs != nil), ("--batch-size", batchSize != nil), ("--learning-rate", learningRate != nil),
                                ("--patience", patience != nil), ("--resume", resume != nil), ("--from-scratch", fromScratch),
                                ("--freeze", freeze != .none), ("--smoothing", smoothing != .none), ("--label-noise", labelNoise != 0)]
            if let (name, _) = gradientOnly.first(where: \.1) {
                throw ValidationError("\(name) applies to --learner gradient; the closed-form learner has no training loop.")
            }
        } else if !families.isEmpty || noEnsemble {
            throw ValidationError("--family and --no-ensemble apply to the closed-form learner.")
        }
    }

    func run() throws {
        do {
            try checkOutputs()
            if learner == .closedForm { try fitClosedForm() } else { try train() }
        } catch let error as ExitCode {
            throw error
        } catch {
            Diagnostics.report(error)
            throw ExitCode(1)
        }
    }

    /// Before any work: every file this run will write may be written (`OutputFile`), and
    /// `--out` is not the shipped weights, which `predict` uses by default.
    private func checkOutputs() throws {
        let outURL = URL(fileURLWithPath: out)
        try OutputFile(outURL, kind: .weights).check(force: force, option: "--out")
        if !force, let shipped = ShippedWeights.locate(), let target = FileSystemIdentity(out),
           FileSystemIdentity(shipped.path) == target {
            throw OutputRefusal(path: out, option: "--out", reason: "the shipped weights, which predict uses by default; "
                                + "choose another name, or pass --force to replace them")
        }
        guard learner == .gradient else { return }
        let training = URL(fileURLWithPath: resume.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path } ?? out + ".training")
        var info = stat()
        if stat(training.path, &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
            throw OutputRefusal(path: training.path, option: nil, reason: "exists and is a file; training writes its "
                                + "checkpoints and loss curves into a folder of this name: move the file or choose another --out")
        }
        let files: [(String, OutputFile.Kind)] = [("loss.csv", .lossTable), ("loss.svg", .lossCurve),
                                                  ("last.safetensors", .weights), ("best.safetensors", .weights)]
        for (name, kind) in files {
            try OutputFile(training.appendingPathComponent(name), kind: kind).check(force: force)
        }
    }

    private func options() -> TrainerOptions {
        var options = TrainerOptions()
        if let epochs { options.epochs = epochs }
        if let batchSize { options.batchSize = batchSize }
        if let learningRate { options.learningRate = learningRate }
        if let patience { options.patience = patience == 0 ? nil : patience }
        options.freeze = freeze
        options.seed = seed
        return options
    }

    private func train() throws {
        let outURL = URL(fileURLWithPath: out)
        let smoothing = try LabelSmoothing(filter: smoothing, noise: labelNoise)
        let fineTune: GradientFineTune
        if let resume {
            fineTune = try GradientFineTune(resuming: URL(fileURLWithPath: resume), options: options())
        } else {
            let (model, source) = try TrainingCommandSupport.startingModel(
                initPath: initPath, fromScratch: fromScratch, config: config, seed: seed)
            fineTune = try GradientFineTune(starting: model, from: source, fromScratch: fromScratch, options: options(),
                                            folder: URL(fileURLWithPath: out + ".training"))
        }
        let model = fineTune.model
        let space = LabelSpace(descriptors: model.descriptors)
        let (dataset, tensors) = try edits.load(space: space, recipe: model.recipe, quiet: json)
        let outcome = try fineTune.run(
            on: tensors, shoots: edits.shoots, validationFraction: validationFraction ?? 0.2, augmentCopies: augmentCopies,
            smoothing: smoothing, seed: seed,
            willTrain: { split, samplesPerPhoto in
                if !json {
                    TrainingCommandSupport.note("training on \(split.training.count) photos × \(samplesPerPhoto) samples, "
                                                + "validating on \(split.validation.count); \(tensors.decodedCount) decoded, "
                                                + "\(tensors.cachedCount) from the cache (\(String(format: "%.1f", tensors.seconds)) s)")
                }
            },
            onEpoch: TrainingCommandSupport.epochReporter(quiet: json))
        var record = outcome.record
        let (state, split) = (outcome.state, outcome.split)
        let evaluation = try evaluateAndSave(model, record: &record, tensors: tensors, split: split, to: outURL)
        let directory = URL(fileURLWithPath: out + ".training")
        try OutputFolder.prepare(directory)
        for (name, text) in [("loss.csv", state.csv), ("loss.svg", state.lossCurveSVG)] {
            let file = directory.appendingPathComponent(name)
            do {
                try Data(text.utf8).write(to: file, options: .atomic)
            } catch {
                throw FileSystemError(path: file.path, operation: "writing", error: error)
            }
        }
        if json {
            print(try JSONLine.encode(FinetuneResult(
                weights: out, identity: model.identity, photos: tensors.photos.count, skipped: dataset.skipped,
                decoded: tensors.decodedCount, fromCache: tensors.cachedCount, loadSeconds: tensors.seconds,
                record: record, history: state.history, learntFromHDREdits: model.learntFromHDREdits, seconds: nil,
                evaluation: evaluation)))
        } else {
            print("wrote \(out) (\(model.identity))")
            print("epochs run \(state.epochsDone)" + (state.stoppedEarly ? " (stopped early)" : "")
                  + (state.bestEpoch.map { ", best epoch \($0)" } ?? ""))
            if let evaluation { print(evaluation.table) }
            print("loss curves: \(directory.path)/loss.csv, loss.svg")
        }
    }
}

extension FinetuneCommand {
    /// The learners `--learner` offers.
    enum LearnerKind: String, ExpressibleByArgument, CaseIterable {
        case closedForm = "closed-form"
        case gradient
    }

    /// `--family` values, each naming one of ``FewShotLearner``'s families.
    enum CandidateFamily: String, ExpressibleByArgument, CaseIterable {
        case offset, rescaled, ridgeFromNeutral = "ridge-from-neutral", ridge

        var family: String {
            switch self {
            case .offset: "neutral + offset"
            case .rescaled: "neutral rescaled"
            case .ridgeFromNeutral: "ridge from neutral"
            case .ridge: "ridge"
            }
        }
    }

    /// The learner the options describe.
    private var fewShotLearner: FewShotLearner {
        var learner = FewShotLearner()
        if !families.isEmpty { learner.families = Set(["mean"] + families.map(\.family)) }
        learner.ensembles = !noEnsemble
        if !lambdas.isEmpty { learner.lambdas = lambdas }
        return learner
    }

    /// The closed-form learner: embed the edits once, choose a head by cross-validation, write it.
    private func fitClosedForm() throws {
        let start = ContinuousClock.now
        let outURL = URL(fileURLWithPath: out)
        let (model, initialWeights) = try TrainingCommandSupport.startingModel(
            initPath: initPath, fromScratch: false, config: config, seed: seed)
        let space = LabelSpace(descriptors: model.descriptors)
        let (dataset, tensors) = try edits.load(space: space, recipe: model.recipe, quiet: json)
        let fraction = validationFraction ?? 0
        let split = try FineTuning.split(captureTimes: tensors.captureTimes, validationFraction: fraction, seed: seed)
        if !json {
            TrainingCommandSupport.note("learning from \(split.training.count) edits"
                                        + (split.validation.isEmpty ? "" : ", validating on \(split.validation.count)")
                                        + "; \(tensors.decodedCount) decoded, \(tensors.cachedCount) from the cache "
                                        + "(\(String(format: "%.1f", tensors.seconds)) s)")
        }
        let head: LearnedHead
        do {
            head = try ClosedFormFit.fit(model: model, images: tensors.images, labels: tensors.labels,
                                         captureTimes: tensors.captureTimes, training: split.training,
                                         learner: fewShotLearner, seed: seed)
        } catch TrainingError.badOption(let reason) {
            // Name the shoots the edits came from.
            throw TrainingError.badOption("\(edits.shoots.joined(separator: ", ")): \(reason)")
        }
        var record = FineTuneRecord(
            shoots: edits.shoots, settings: model.descriptors.map(\.name), recipe: model.recipe, initialWeights: initialWeights,
            validationFraction: fraction, splitSeed: seed,
            trainingPhotos: split.training.map { tensors.photos[$0].name },
            validationPhotos: split.validation.map { tensors.photos[$0].name },
            hdrEdits: tensors.photos.filter(\.isHDR).count, options: options(), augmentCopies: 0,
            smoothing: "none", labelNoise: 0, epochsRun: 0, stoppedEarly: false,
            learner: LearnerKind.closedForm.rawValue, closedForm: head.report)
        let evaluation = try evaluateAndSave(model, record: &record, tensors: tensors, split: split, to: outURL)
        let elapsed = (ContinuousClock.now - start).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
        if json {
            print(try JSONLine.encode(FinetuneResult(
                weights: out, identity: model.identity, photos: tensors.photos.count, skipped: dataset.skipped,
                decoded: tensors.decodedCount, fromCache: tensors.cachedCount, loadSeconds: tensors.seconds,
                record: record, history: [], learntFromHDREdits: model.learntFromHDREdits, seconds: seconds,
                evaluation: evaluation)))
        } else {
            for line in head.report.lines { print(line) }
            if let evaluation {
                print("")
                print(evaluation.table)
            }
            print(String(format: "wrote %@ (%@) in %.1f s", out, model.identity, seconds))
        }
    }
}

extension FinetuneCommand {
    /// Both learners' ending: the model against the baselines on the validation photos (when
    /// there are any, recorded), the HDR flag, the record, and the weights written atomically.
    private func evaluateAndSave(_ model: StyleModel, record: inout FineTuneRecord, tensors: TensorDataset,
                                 split: CaptureTimeSplit, to outURL: URL) throws -> ModelEvaluation? {
        var evaluation: ModelEvaluation?
        if !split.validation.isEmpty {
            evaluation = try ModelEvaluation.run(model: model, images: tensors.images, labels: tensors.labels,
                                                 names: tensors.photos.map(\.name), split: split,
                                                 captureTimes: tensors.captureTimes, seed: seed)
            record.validation = evaluation?.comparison
        }
        model.learntFromHDREdits = record.hdrEdits * 2 > tensors.photos.count
        try record.store(in: model)
        try OutputFile(outURL, kind: .weights).check(force: force, option: "--out")  // again: minutes may have passed
        try OutputFolder.prepare(outURL.deletingLastPathComponent())
        try model.save(to: outURL)
        return evaluation
    }
}

/// `finetune --json`'s object.
struct FinetuneResult: Encodable {
    var weights: String
    var identity: String
    var photos: Int
    var skipped: [SkippedFile]
    /// Photos decoded now, read from the cache, and the seconds loading took.
    var decoded: Int
    var fromCache: Int
    var loadSeconds: Double
    var record: FineTuneRecord
    var history: [EpochRecord]
    var learntFromHDREdits: Bool
    /// Wall time of the whole command (closed-form learner).
    var seconds: Double?
    /// The model against the baselines on the validation photos, photo by photo.
    var evaluation: ModelEvaluation?
}
