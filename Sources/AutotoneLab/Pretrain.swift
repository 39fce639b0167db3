import ArgumentParser
import Develop
import Dispatch
import Foundation
import ImageIO
import SeededRandom
import Tensor
import Training
import ViT
import XMP

/// `autotone-lab pretrain`: trains a ViT from scratch (or from trained weights, `--init`) to predict a style's settings on
/// `PretrainingSamples` made on the fly from a scene folder. Saves a checkpoint (weights, AdamW
/// moments and the run's state) every few steps and resumes from it, so a long run can be spread
/// over several sittings; `--export` writes the final weights without the optimizer.
struct Pretrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Pretrain a ViT, from scratch or from trained weights, on synthetic RAW-like samples (resumable).")

    /// What defines a run: a checkpoint only continues the run with the same options.
    struct Options: Codable, Equatable {
        var config: String
        var style: String
        var steps: Int
        var batchSize: Int
        var learningRate: Double
        var warmupSteps: Int
        var weightDecay: Double
        var seed: UInt64
        var validationSamples: Int
        var scenes: Int
        /// Every Nth source photograph held out of training (nil or 0: none; older runs).
        var holdOutEvery: Int?
        /// Share of training samples from procedural scenes (nil or 0: none; older runs).
        var proceduralShare: Double?
        /// Share of the photographs' samples relit on the fly (nil or 0: none; older runs).
        var relightShare: Double?
        /// The other styles learnt beside `style`, each in its own block of the head (nil: none).
        var otherStyles: [String]?
        /// The identity of the weights the run started from (nil: from scratch).
        var initialWeights: String?

        /// The options with each style file named by its file name alone: a run resumed from
        /// another checkout (or with relative instead of absolute paths) is the same run.
        var byStyleNames: Options {
            func name(_ style: String) -> String {
                style.hasSuffix(".json") ? URL(fileURLWithPath: style).deletingPathExtension().lastPathComponent : style
            }
            var options = self
            options.style = name(style)
            options.otherStyles = otherStyles?.map(name)
            return options
        }
    }

    struct Evaluation: Codable {
        var step: Int
        var trainingLoss: Double
        var validationLoss: Double
        /// Validation MSE of always predicting the validation labels' mean.
        var meanBaselineLoss: Double
        var samplesPerSecond: Double
        /// Share of the interval the step waited for its samples (nil in older runs): near 0,
        /// the network is the bottleneck; well above, making samples is.
        var waitingForSamples: Double?
        /// The same on samples of the held-out photographs (none held out: nil).
        var heldOutLoss: Double?
        var heldOutMeanBaselineLoss: Double?
    }

    struct State: Codable {
        var options: Options
        var step = 0
        var seconds = 0.0
        var history: [Evaluation] = []
    }

    static let stateKey = "pretraining.state"
    /// Validation samples are numbered from here, far from any training sample's number.
    static let validationStart = 1 << 40

    @Option(help: "Scene folder written by Scripts/make-scenes.py --set pretraining.") var scenes: String
    @Option(name: .customLong("run"), help: "Folder for the run's checkpoint and log.") var runPath: String
    @Option(help: "tiny, small or base.") var config = "tiny"
    @Option(help: "The style whose settings the network learns.") var style = "neutral"
    @Option(help: "Optimizer steps in the whole run.") var steps = 3000
    @Option(help: "Samples per step.") var batchSize = 32
    @Option(help: "Peak learning rate.") var learningRate = 1e-3
    @Option(help: "Linear warm-up steps, then cosine decay to 1 % of the peak.") var warmupSteps = 150
    @Option(help: "AdamW weight decay.") var weightDecay = 0.05
    @Option(help: "Seed of the initial weights and of every sample.") var seed: UInt64 = 1
    @Option(help: "Fixed validation samples, evaluated at each checkpoint.") var validationSamples = 256
    @Option(help: "Steps between checkpoints.") var checkpointEvery = 100
    @Option(help: "Stop (after a checkpoint) once this many minutes have passed in this sitting.") var minutes: Double?
    @Option(help: "When the run is finished, write its weights here (F16, no optimizer state).") var export: String?
    @Option(help: "Threads that make samples.") var threads = 2
    @Option(help: "Hold every Nth source photograph (sorted by name) out of training, and validate on its samples too (0: none).")
    var holdOutEvery = 0
    @Option(help: "Share of training samples made from procedural scenes (sun and sky, night lamps, windows, fog, high and low key) instead of photographs, 0…1.")
    var proceduralShare = 0.0
    @Option(help: "Share of the photographs' training samples put under new light on the fly (a gradient or a pool of light, warm to cool), 0…1.")
    var relightShare = 0.0
    @Option(name: .customLong("also-style"), help: ArgumentHelp("Also learn this style (a built-in name or a style JSON), in its own block of the head; repeat for more. Every sample is labelled in --style and one of these; the exported weights keep --style's block.", valueName: "style"))
    var otherStyles: [String] = []
    @Option(name: .customLong("init"), help: ArgumentHelp("Start a new run from these weights (an exported AutoTone file in --style's settings) instead of from scratch; the other styles' blocks start fresh.", valueName: "weights"))
    var initialWeights: String?

    func validate() throws {
        guard (0...1).contains(proceduralShare) else { throw ValidationError("--procedural-share must lie in 0…1.") }
        guard (0...1).contains(relightShare) else { throw ValidationError("--relight-share must lie in 0…1.") }
        guard holdOutEvery >= 0 else { throw ValidationError("--hold-out-every must not be negative.") }
    }

    func run() throws {
        guard let vit = ViTConfig.preset(named: config) else { throw ValidationError("unknown config \(config)") }
        let folder = try SceneFolder(path: scenes)
        let start = try initialWeights.map { path in
            guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("--init \(path): no such file.") }
            return try StyleModel.load(URL(fileURLWithPath: path))
        }
        if let start, start.network.config != vit || start.descriptors.map(\.name) != StyleHeads.block.map(\.name) {
            throw ValidationError("--init \(initialWeights!): not a \(config) model with the eight standard settings.")
        }
        let options = Options(config: config, style: style, steps: steps, batchSize: batchSize, learningRate: learningRate,
                              warmupSteps: warmupSteps, weightDecay: weightDecay, seed: seed,
                              validationSamples: validationSamples, scenes: folder.entries.count,
                              holdOutEvery: holdOutEvery > 0 ? holdOutEvery : nil,
                              proceduralShare: proceduralShare > 0 ? proceduralShare : nil,
                              relightShare: relightShare > 0 ? relightShare : nil,
                              otherStyles: otherStyles.isEmpty ? nil : otherStyles, initialWeights: start?.identity)
        let runFolder = URL(fileURLWithPath: runPath)
        try FileManager.default.createDirectory(at: runFolder, withIntermediateDirectories: true)
        let checkpoint = runFolder.appendingPathComponent("last.safetensors")

        let heads = StyleHeads(main: try StyleOption.load(style), others: try otherStyles.map(StyleOption.load))
        let names = heads.solvers.map(\.style.name)
        guard Set(names).count == names.count else {
            throw ValidationError("--style and --also-style name a style twice (\(names.joined(separator: ", "))): each needs its own name.")
        }
        let (model, optimizer, resumed) = try Self.start(checkpoint: checkpoint, options: options, config: vit,
                                                         descriptors: heads.descriptors, from: start)
        var state = resumed ?? State(options: options)
        let lengthChanged = state.options.steps != steps
        state.options.steps = steps
        let space = LabelSpace(descriptors: model.descriptors)
        log(runFolder, resumed == nil ? "new run: \(options)" : "resuming at step \(state.step) of \(steps)"
            + (lengthChanged ? " (the run's length changed; the schedule is re-planned)" : ""))

        let (trainingScenes, heldOutScenes) = folder.split(holdingOutEvery: holdOutEvery)
        guard !trainingScenes.isEmpty else {
            throw ValidationError("--hold-out-every \(holdOutEvery) holds out every photograph of \(scenes): none is left to train on.")
        }
        let photographs = PretrainingSamples(scenes: try trainingScenes.map(folder.image), heads: heads, space: space,
                                             preprocessor: Preprocessor(recipe: model.recipe), seed: seed)
        var mixed = photographs
        mixed.proceduralShare = proceduralShare
        mixed.relightShare = relightShare
        let samples = mixed
        // Validation holds to the photographs: the figure that matters is on real pictures.
        let validationNumbers = (0..<(validationSamples + 1) / 2).map { Self.validationStart + $0 }
        let validation = photographs.pairs(validationNumbers, threads: threads, mainStyleOnly: true)
        var heldOut: [TrainingSample] = []
        if !heldOutScenes.isEmpty {
            let held = PretrainingSamples(scenes: try heldOutScenes.map(folder.image), heads: heads, space: space,
                                          preprocessor: samples.preprocessor, seed: seed)
            heldOut = held.pairs(validationNumbers, threads: threads, mainStyleOnly: true)
            let crops = trainingScenes.filter { $0.parts == nil }, composites = trainingScenes.count - crops.count
            log(runFolder, "training on \(Set(crops.map(\.source)).count) photographs (\(crops.count) scenes)"
                + (composites > 0 ? " and \(composites) composites of them" : "")
                + "; \(Set(heldOutScenes.map(\.source)).count) held out (\(heldOutScenes.count) scenes), validated on at each checkpoint")
        }
        let schedule = LearningRateSchedule(peak: learningRate, warmupSteps: warmupSteps, totalSteps: steps,
                                            minimum: learningRate * 0.01)
        let step = TrainingStep(model: model, optimizer: optimizer, loss: MaskedMSE(), maxGradientNorm: 1, threads: threads)
        let sitting = Stopwatch()
        var lossSum = 0.0, lossCount = 0, sinceCheckpoint = Stopwatch(), waited = 0.0
        // The next step's batch is made while this step trains.
        let first = state.step
        var next = Prefetch { samples.pairs(self.numbers(step: first), threads: self.threads) }
        while state.step < steps {
            var waiting = Stopwatch()
            let batch = next.wait()
            waited += waiting.lap()
            let following = state.step + 1
            next = Prefetch { samples.pairs(self.numbers(step: following), threads: self.threads) }
            let value = try step(batch, learningRate: schedule.rate(at: state.step), noiseSeed: UInt64(state.step),
                                 when: "at step \(state.step)")
            lossSum += Double(value)
            lossCount += 1
            state.step += 1
            if state.step % checkpointEvery == 0 || state.step == steps {
                let elapsed = sinceCheckpoint.lap()
                state.seconds += elapsed
                var evaluation = try evaluate(model, validation, heldOut: heldOut, step: state.step,
                                              trainingLoss: lossSum / Double(lossCount),
                                              samplesPerSecond: Double(lossCount * batchSize) / elapsed)
                evaluation.waitingForSamples = waited / elapsed
                state.history.append(evaluation)
                model.network.releaseActivations()
                try TrainingCheckpoint.save(model, optimizer: optimizer, state: state, key: Self.stateKey, to: checkpoint)
                let unseen = evaluation.heldOutLoss.map { loss in
                    String(format: " · held-out photographs %.4f (ratio %.2f)", loss, loss / (evaluation.heldOutMeanBaselineLoss ?? .nan))
                } ?? ""
                log(runFolder, String(format: "step %d/%d · loss %.4f · validation %.4f (mean baseline %.4f, ratio %.2f)",
                                      state.step, steps, evaluation.trainingLoss, evaluation.validationLoss,
                                      evaluation.meanBaselineLoss, evaluation.validationLoss / evaluation.meanBaselineLoss)
                    + unseen + String(format: " · %.1f samples/s (%.0f %% of it waiting for samples) · %.0f min in all",
                                      evaluation.samplesPerSecond, 100 * waited / elapsed, state.seconds / 60))
                lossSum = 0
                lossCount = 0
                waited = 0
                if let minutes, sitting.elapsed > minutes * 60, state.step < steps {
                    log(runFolder, "stopping this sitting after \(Int(minutes)) minutes; run the same command to resume")
                    return
                }
            }
        }
        if let export {
            try exportWeights(model, state: state, folder: folder, to: URL(fileURLWithPath: export))
            log(runFolder, "exported \(export) (\(model.identity))")
        }
    }

    /// A fresh model (from `initial`'s weights when given), or the one in `checkpoint` with its
    /// optimizer and state when the options match.
    static func start(checkpoint: URL, options: Options, config: ViTConfig, descriptors: [SettingDescriptor],
                      from initial: StyleModel? = nil) throws -> (StyleModel, AdamW, State?) {
        guard FileManager.default.fileExists(atPath: checkpoint.path) else {
            var recipe = PreprocessRecipe.vitDefault
            recipe.inputSize = config.imageSize
            let model = try initial.map {
                try StyleHeads.model(startingFrom: $0, descriptors: descriptors, name: "autotone-pretrain", seed: options.seed)
            } ?? StyleModel.initial(config: config, descriptors: descriptors, recipe: recipe,
                                    name: "autotone-pretrain", seed: options.seed)
            return (model, model.network.makeOptimizer(weightDecay: options.weightDecay), nil)
        }
        let (model, optimizer, state) = try TrainingCheckpoint.load(checkpoint, key: stateKey, as: State.self)
        // Only the length may change between sittings (to fit the time there is): the cosine
        // decay is then re-planned to end at the new last step, from the step reached.
        var comparable = state.options
        comparable.steps = options.steps
        guard comparable.byStyleNames == options.byStyleNames, options.steps > state.step else {
            throw ValidationError("\(checkpoint.path) was made with other options (\(state.options)) or is past step "
                                  + "\(options.steps); use them, or another --run folder")
        }
        return (model, optimizer, state)
    }

    /// The sample numbers of step `step`'s batch (each gives a sample and its mirror).
    func numbers(step: Int) -> [Int] {
        let pairs = (batchSize + 1) / 2
        return Array(step * pairs..<(step + 1) * pairs)
    }

    func evaluate(_ model: StyleModel, _ validation: [TrainingSample], heldOut: [TrainingSample], step: Int,
                  trainingLoss: Double, samplesPerSecond: Double) throws -> Evaluation {
        func losses(_ samples: [TrainingSample]) throws -> (model: Double, mean: Double) {
            let predictions = try Trainer.predictions(for: samples.map(\.image), model: model,
                                                      preprocessor: Preprocessor(recipe: model.recipe), threads: threads)
            return Self.losses(predictions, samples.map(\.label))
        }
        let seen = try losses(validation)
        let unseen = heldOut.isEmpty ? nil : try losses(heldOut)
        return Evaluation(step: step, trainingLoss: trainingLoss, validationLoss: seen.model, meanBaselineLoss: seen.mean,
                          samplesPerSecond: samplesPerSecond, heldOutLoss: unseen?.model, heldOutMeanBaselineLoss: unseen?.mean)
    }

    /// The masked MSE of `predictions` against `labels`, and that of always predicting the
    /// labels' mean: the curve's two numbers for one set of samples.
    static func losses(_ predictions: [[Float]], _ labels: [ScaledLabel]) -> (model: Double, mean: Double) {
        let mean = SettingStatistics(labels: labels).mean.map(Float.init)
        let loss = MaskedMSE()
        return (Double(loss.loss(predictions: predictions, labels: labels)),
                Double(loss.loss(predictions: labels.map { _ in mean }, labels: labels)))
    }

    /// The shipped form: F16, no optimizer, with a record of how it was made.
    func exportWeights(_ model: StyleModel, state: State, folder: SceneFolder, to url: URL) throws {
        let split = folder.split(holdingOutEvery: state.options.holdOutEvery ?? 0)
        struct Record: Encodable {
            let style: String
            let options: Options
            let samplesSeen: Int
            let trainingSeconds: Double
            let sourcePhotos: [String]
            let heldOutPhotos: [String]
            let final: Evaluation?
        }
        let record = Record(style: style, options: state.options, samplesSeen: state.step * batchSize,
                            trainingSeconds: state.seconds,
                            sourcePhotos: Array(Set(split.training.map(\.source))).sorted(),
                            heldOutPhotos: Array(Set(split.heldOut.map(\.source))).sorted(), final: state.history.last)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var shipped = model
        if state.options.otherStyles != nil {
            shipped = try StyleHeads.mainStyleModel(model, config: model.network.config, name: "autotone-pretrain")
        }
        shipped.network.provenance["pretraining"] = String(decoding: try encoder.encode(record), as: UTF8.self)
        try shipped.save(to: url, dtype: .f16)
    }

    /// Prints `line` and appends it to the run's log.
    func log(_ folder: URL, _ line: String) {
        print(line)
        let url = folder.appendingPathComponent("log.txt")
        let stamped = Data("\(ISO8601DateFormatter().string(from: Date())) \(line)\n".utf8)
        if let handle = try? FileHandle(forWritingTo: url) {
            handle.seekToEndOfFile()
            handle.write(stamped)
            try? handle.close()
        } else {
            try? stamped.write(to: url)
        }
    }

    /// Work started on a background thread, whose result `wait()` returns.
    final class Prefetch: @unchecked Sendable {
        private let group = DispatchGroup()
        private var result: [TrainingSample] = []

        init(_ work: @escaping @Sendable () -> [TrainingSample]) {
            DispatchQueue.global().async(group: group) { self.result = work() }
        }

        func wait() -> [TrainingSample] {
            group.wait()
            return result
        }
    }
}
