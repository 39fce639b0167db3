import SeededRandom
import Dispatch
import Foundation
import ImageIO
import Tensor
import ViT

/// Where a run keeps its files: the last epoch's checkpoint (weights, AdamW state and the run's
/// state, to resume) and the best epoch's weights (lowest validation loss). Either may be nil.
public struct TrainingFiles: Sendable, Equatable {
    public var checkpoint: URL?
    public var best: URL?

    public init(checkpoint: URL? = nil, best: URL? = nil) {
        self.checkpoint = checkpoint
        self.best = best
    }

    /// `last.safetensors` and `best.safetensors` in `directory`.
    public init(directory: URL) {
        self.init(checkpoint: directory.appendingPathComponent("last.safetensors"),
                  best: directory.appendingPathComponent("best.safetensors"))
    }
}

/// Fine-tunes a `StyleModel` on an `AugmentedDataset`: masked MSE on scaled settings, AdamW,
/// warm-up then cosine decay, early stopping on the validation loss, the best epoch's weights
/// kept, a checkpoint after every epoch, and resumption from one.
///
/// Every random choice comes from streams derived from `options.seed` and the epoch's number
/// (shuffling, augmentation, label noise), and the checkpoint stores the weights and AdamW's
/// moments in Float32 exactly, so a resumed run ends with the same weights, bit for bit, as a run
/// that was never interrupted. Not thread-safe; uses `options.threads` threads for samples and
/// whatever the GEMMs use for the network.
public final class Trainer {
    public let model: StyleModel
    public let optimizer: AdamW
    public let files: TrainingFiles
    public private(set) var state: TrainingState
    private var bestParameters: [Float]?

    /// Provenance key under which checkpoints store the run's state.
    public static let stateKey = "training.state"

    /// A new run for `model` (which is trained in place) on data with `dataSignature`.
    public init(model: StyleModel, options: TrainerOptions, files: TrainingFiles = TrainingFiles()) throws {
        try options.validate(settingCount: model.descriptors.count)
        self.model = model
        self.files = files
        optimizer = model.network.makeOptimizer(weightDecay: options.weightDecay)
        state = TrainingState(options: options, dataSignature: "")
        model.network.freezing = options.freeze.freezing
    }

    /// Continues the run saved in `checkpoint`. Its options must equal `options` (threads aside):
    /// anything else would be a different run. The best weights so far are read from
    /// `files.best` when the run has a best epoch.
    public init(resuming checkpoint: URL, options: TrainerOptions, files: TrainingFiles = TrainingFiles()) throws {
        let (model, optimizer, loadedState) = try TrainingCheckpoint.load(checkpoint, key: Self.stateKey, as: TrainingState.self)
        var saved = loadedState
        var comparable = options
        comparable.threads = saved.options.threads
        guard comparable == saved.options else {
            throw TrainingError.badCheckpoint(path: checkpoint.path, reason: Self.difference(saved.options, comparable))
        }
        try options.validate(settingCount: model.descriptors.count)
        saved.options = options
        self.model = model
        self.optimizer = optimizer
        self.files = files
        state = saved
        model.network.freezing = options.freeze.freezing
        if saved.bestEpoch != nil {
            guard let best = files.best, FileManager.default.fileExists(atPath: best.path) else {
                throw TrainingError.badCheckpoint(path: checkpoint.path, reason: "the best epoch's weights (best.safetensors) are missing")
            }
            let network = try ModelFile.load(url: best).model.network
            guard network.parameters.count == model.network.network.parameters.count else {
                throw TrainingError.badCheckpoint(path: best.path, reason: "the best weights do not fit the checkpoint's model")
            }
            bestParameters = Array(UnsafeBufferPointer(start: network.parameters.pointer, count: network.parameters.count))
        }
    }

    static func difference(_ saved: TrainerOptions, _ given: TrainerOptions) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func fields(_ options: TrainerOptions) -> [String: String] {
            guard let data = try? encoder.encode(options),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
            return object.mapValues { "\($0)" }
        }
        let a = fields(saved), b = fields(given)
        let differing = Set(a.keys).union(b.keys).sorted().filter { a[$0] != b[$0] }
        return "it was made with other options (" + differing.map { "\($0) \(a[$0] ?? "-") there, \(b[$0] ?? "-") now" }
            .joined(separator: "; ") + ")"
    }

    /// Identifies the data a run trains on: a checkpoint only continues on the same split.
    public static func signature(of data: AugmentedDataset) -> String {
        var hasher = FNV1a()
        for number in data.split.training + [-1] + data.split.validation + [-1, data.samplesPerEpoch, Int(truncatingIfNeeded: data.seed)] {
            withUnsafeBytes(of: Int64(number).littleEndian) { hasher.combine($0) }
        }
        return String(format: "%016llx", hasher.value)
    }

    /// Optimizer steps per epoch and in the whole run.
    public func stepsPerEpoch(_ data: AugmentedDataset) -> Int {
        (data.samplesPerEpoch + state.options.batchSize - 1) / state.options.batchSize
    }

    /// The learning-rate schedule for `data`.
    public func schedule(_ data: AugmentedDataset) -> LearningRateSchedule {
        let options = state.options
        let total = options.epochs * stepsPerEpoch(data)
        let warmup = options.warmupFraction > 0 ? max(1, Int((options.warmupFraction * Double(total)).rounded())) : 0
        return LearningRateSchedule(peak: options.learningRate, warmupSteps: warmup, totalSteps: total,
                                    minimum: options.learningRate * options.finalLearningRateFraction)
    }

    /// Trains until the last epoch, early stopping, or (to simulate an interruption, or to split a
    /// run) the end of epoch `stopAfterEpoch`. Calls `onEpoch` after each epoch. When the run is
    /// finished the model holds the best epoch's weights (the last epoch's without validation).
    @discardableResult
    public func train(_ data: AugmentedDataset, stopAfterEpoch: Int? = nil,
                      onEpoch: ((EpochRecord, TrainingState) -> Void)? = nil) throws -> TrainingState {
        guard !data.split.training.isEmpty else {
            throw TrainingError.tooFewPhotos(found: 0, needed: 1, detail: "the split has no training photos")
        }
        guard data.labels.first?.count == model.descriptors.count else {
            throw TrainingError.badOption("labels have \(data.labels.first?.count ?? 0) settings, the model predicts \(model.descriptors.count)")
        }
        let signature = Self.signature(of: data)
        if state.history.isEmpty && state.dataSignature.isEmpty {
            state.dataSignature = signature
        } else if state.dataSignature != signature {
            throw TrainingError.badCheckpoint(path: files.checkpoint?.path ?? "checkpoint",
                                              reason: "it was trained on other photos or another split")
        }
        let options = state.options
        let schedule = schedule(data)
        let steps = stepsPerEpoch(data)
        let loss = MaskedMSE(weights: options.settingWeights)
        let step = TrainingStep(model: model, optimizer: optimizer, loss: loss, maxGradientNorm: options.maxGradientNorm,
                                threads: options.threads)
        let validation = data.validationSamples
        let preprocessor = step.preprocessor
        let network = model.network

        while !state.isFinished {
            let epoch = state.epochsDone
            if let stopAfterEpoch, epoch >= stopAfterEpoch { break }
            let start = ContinuousClock.now
            let samples = data.epoch(epoch, threads: options.threads)
            let preparation = Self.seconds(since: start)
            var order = Array(samples.indices)
            var shuffler = Xoshiro256StarStar(seed: options.seed, stream: [UInt64(epoch), 0x5_4FF1E, 0x0D0E])
            order.seededShuffle(using: &shuffler)
            var noise = Xoshiro256StarStar(seed: options.seed, stream: [UInt64(epoch), 0xD50_F00, 0x0015E])
            var weightedLoss = 0.0, rate = 0.0
            for index in 0..<steps {
                let batch = order[(index * options.batchSize)..<min(samples.count, (index + 1) * options.batchSize)].map { samples[$0] }
                rate = schedule.rate(at: epoch * steps + index)
                let batchLoss = try step(batch, learningRate: rate, noiseSeed: noise.next(), when: "in epoch \(epoch + 1)")
                weightedLoss += Double(batchLoss) * Double(batch.count)
            }
            network.releaseActivations()
            let validationLoss = try self.loss(of: validation, preprocessor: preprocessor, loss: loss)
            let seconds = Self.seconds(since: start)
            let record = EpochRecord(epoch: epoch + 1, trainingLoss: weightedLoss / Double(samples.count),
                                     validationLoss: validationLoss, learningRate: rate, samples: samples.count,
                                     seconds: seconds, preparationSeconds: preparation,
                                     imagesPerSecond: Double(samples.count) / max(seconds, 1e-9))
            state.history.append(record)
            if let validationLoss {
                if state.bestValidationLoss.map({ validationLoss < $0 }) ?? true {
                    state.bestValidationLoss = validationLoss
                    state.bestEpoch = epoch + 1
                    state.epochsWithoutImprovement = 0
                    bestParameters = Array(UnsafeBufferPointer(start: network.network.parameters.pointer,
                                                               count: network.network.parameters.count))
                    if let best = files.best { try save(to: best, optimizer: false) }
                } else {
                    state.epochsWithoutImprovement += 1
                    if let patience = options.patience, state.epochsWithoutImprovement >= patience {
                        state.stoppedEarly = true
                    }
                }
            }
            if let checkpoint = files.checkpoint { try save(to: checkpoint, optimizer: true) }
            onEpoch?(record, state)
        }
        if state.isFinished { restoreBest() }
        return state
    }

    /// Puts the best epoch's weights into the model (no-op without a validation set).
    public func restoreBest() {
        guard let bestParameters else { return }
        let parameters = model.network.network.parameters
        bestParameters.withUnsafeBufferPointer { parameters.pointer.update(from: $0.baseAddress!, count: $0.count) }
    }

    /// Saves the model with the run's state; with `optimizer`, also AdamW's, to resume from.
    private func save(to url: URL, optimizer withOptimizer: Bool) throws {
        try TrainingCheckpoint.save(model, optimizer: withOptimizer ? optimizer : nil, state: state, key: Self.stateKey, to: url)
    }

    /// The masked MSE of the model on `samples` (inference mode), nil for none.
    public func loss(of samples: [TrainingSample], preprocessor: Preprocessor, loss: MaskedMSE) throws -> Double? {
        guard !samples.isEmpty else { return nil }
        let predictions = try Self.predictions(for: samples.map(\.image), model: model, preprocessor: preprocessor,
                                               threads: state.options.threads)
        return Double(loss.loss(predictions: predictions, labels: samples.map(\.label)))
    }

    /// `model`'s predictions (inference mode) for linear images at its input size, 32 at a time.
    public static func predictions(for images: [LinearImage], model: StyleModel, preprocessor: Preprocessor,
                                   threads: Int) throws -> [[Float]] {
        var predictions: [[Float]] = []
        let size = model.recipe.inputSize
        for start in stride(from: 0, to: images.count, by: 32) {
            let chunk = Array(images[start..<min(images.count, start + 32)])
            let input = encode(chunk, preprocessor: preprocessor, threads: threads)
            predictions += try model.network.predict(batch: Tensor(shape: [chunk.count, 3, size, size], data: input))
        }
        return predictions
    }

    /// Tone-encodes and normalises `images` into one N×3×S×S buffer on `threads` threads.
    public static func encode(_ images: [LinearImage], preprocessor: Preprocessor, threads: Int) -> [Float] {
        let per = 3 * preprocessor.recipe.inputSize * preprocessor.recipe.inputSize
        var buffer = [Float](repeating: 0, count: images.count * per)
        buffer.withUnsafeMutableBufferPointer { target in
            nonisolated(unsafe) let output = target
            let workers = min(threads, max(images.count, 1))
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in stride(from: worker, to: images.count, by: workers) {
                    let values = preprocessor.encode(images[index]).values
                    precondition(values.count == per, "an image does not match the recipe's input size")
                    values.withUnsafeBufferPointer { (output.baseAddress! + index * per).update(from: $0.baseAddress!, count: per) }
                }
            }
        }
        return buffer
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = (ContinuousClock.now - start).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    }
}
