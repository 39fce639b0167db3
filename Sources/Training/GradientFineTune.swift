import Foundation

/// `finetune --learner gradient` as a library: fine-tune the whole network (or its unfrozen
/// part) by backpropagation on a photographer's edits, as ``ClosedFormFit`` is the default
/// learner. It splits the photos by capture time, augments and smooths the training labels,
/// records how the model was made in the model (so a resumed run knows), starts a new head at
/// the labels' mean, and runs the ``Trainer`` with its checkpoints.
public struct GradientFineTune {
    public let trainer: Trainer
    /// Where training started: a weights file's path, `scratch:CONFIG`, or `resumed:CHECKPOINT`
    /// when a resumed checkpoint does not say.
    public let initialWeights: String
    let resumed: Bool
    let fromScratch: Bool

    /// A new run from `model` (loaded from `initialWeights`), checkpointing into `folder`
    /// (FILE.training beside the weights it will write).
    public init(starting model: StyleModel, from initialWeights: String, fromScratch: Bool,
                options: TrainerOptions, folder: URL) throws {
        trainer = try Trainer(model: model, options: options, files: TrainingFiles(directory: folder))
        self.initialWeights = initialWeights
        self.fromScratch = fromScratch
        resumed = false
    }

    /// The run saved in `checkpoint` (FOLDER/last.safetensors; its best.safetensors beside it).
    public init(resuming checkpoint: URL, options: TrainerOptions) throws {
        let best = checkpoint.deletingLastPathComponent().appendingPathComponent("best.safetensors")
        trainer = try Trainer(resuming: checkpoint, options: options, files: TrainingFiles(checkpoint: checkpoint, best: best))
        initialWeights = FineTuneRecord.stored(in: trainer.model)?.initialWeights ?? "resumed:\(checkpoint.path)"
        fromScratch = false
        resumed = true
    }

    public var model: StyleModel { trainer.model }

    /// What a run did: its record (stored in the model), the trainer's final state and the split.
    public struct Outcome {
        public var record: FineTuneRecord
        public var state: TrainingState
        public var split: CaptureTimeSplit
    }

    /// Trains on `tensors` (the labelled photos of `shoots`): `validationFraction` of them held
    /// out by capture time with `seed`, `augmentCopies` augmented copies of each other photo per
    /// epoch, labels smoothed by `smoothing`. `willTrain(split, samplesPerPhoto)` is called once
    /// before the first epoch, `onEpoch` after each. The model ends with the best epoch's weights.
    public func run(on tensors: TensorDataset, shoots: [String], validationFraction: Double, augmentCopies: Int,
                    smoothing: LabelSmoothing, seed: UInt64,
                    willTrain: (CaptureTimeSplit, Int) -> Void = { _, _ in },
                    onEpoch: ((EpochRecord, TrainingState) -> Void)? = nil) throws -> Outcome {
        let space = LabelSpace(descriptors: model.descriptors)
        let split = try FineTuning.split(captureTimes: tensors.captureTimes, validationFraction: validationFraction, seed: seed)
        let data = AugmentedDataset(images: tensors.images, labels: tensors.labels, captureTimes: tensors.captureTimes,
                                    split: split, space: space,
                                    policy: AugmentationPolicy.standard(space: space, copiesPerPhoto: augmentCopies),
                                    smoothing: smoothing, seed: seed)
        willTrain(split, data.policy.samplesPerPhoto)
        // Recorded before training, so checkpoints carry it and a resumed run still knows its start.
        var record = FineTuneRecord(
            shoots: shoots, settings: model.descriptors.map(\.name), recipe: model.recipe, initialWeights: initialWeights,
            validationFraction: validationFraction, splitSeed: seed,
            trainingPhotos: split.training.map { tensors.photos[$0].name },
            validationPhotos: split.validation.map { tensors.photos[$0].name },
            hdrEdits: tensors.photos.filter(\.isHDR).count, options: trainer.state.options, augmentCopies: augmentCopies,
            smoothing: smoothing.description, labelNoise: smoothing.noise, bestEpoch: nil, epochsRun: 0, stoppedEarly: false,
            validationLoss: nil, validation: nil, learner: "gradient")
        try record.store(in: model)
        if !resumed {
            model.startHeadAtMeanIfNew(of: split.training.map { tensors.labels[$0] }, fromScratch: fromScratch)
        }
        let state = try trainer.train(data, onEpoch: onEpoch)
        record.bestEpoch = state.bestEpoch
        record.epochsRun = state.epochsDone
        record.stoppedEarly = state.stoppedEarly
        record.validationLoss = state.bestValidationLoss
        return Outcome(record: record, state: state, split: split)
    }
}
