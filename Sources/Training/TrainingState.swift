/// One epoch of a training run, as the progress line, the CSV and the loss curve show it.
public struct EpochRecord: Codable, Sendable, Equatable {
    /// 1-based.
    public var epoch: Int
    /// Mean training loss over the epoch's batches (masked MSE on scaled, smoothed labels).
    public var trainingLoss: Double
    /// Masked MSE on the untouched validation photos after the epoch; nil without validation.
    public var validationLoss: Double?
    /// The learning rate of the epoch's last step.
    public var learningRate: Double
    /// Training samples seen.
    public var samples: Int
    /// Wall time of the epoch: preparing samples, training and validating.
    public var seconds: Double
    /// Of which preparing (augmenting) the epoch's samples.
    public var preparationSeconds: Double
    /// Training samples per second over the whole epoch.
    public var imagesPerSecond: Double
}

/// Where a run stands: its options, its history and the early-stopping bookkeeping. Stored in
/// every checkpoint, so a resumed run continues exactly where the checkpoint was written.
public struct TrainingState: Codable, Sendable, Equatable {
    public var options: TrainerOptions
    /// Identifies the data (split and samples per epoch) the run trains on.
    public var dataSignature: String
    public var history: [EpochRecord] = []
    /// The epoch (1-based) with the lowest validation loss so far, and that loss.
    public var bestEpoch: Int?
    public var bestValidationLoss: Double?
    public var epochsWithoutImprovement = 0
    public var stoppedEarly = false

    public init(options: TrainerOptions, dataSignature: String) {
        self.options = options
        self.dataSignature = dataSignature
    }

    /// Epochs completed.
    public var epochsDone: Int { history.count }

    /// True when no more epochs will run.
    public var isFinished: Bool { stoppedEarly || epochsDone >= options.epochs }

    /// The history as CSV: `epoch,training_loss,validation_loss,learning_rate,seconds,images_per_second`.
    public var csv: String {
        var lines = ["epoch,training_loss,validation_loss,learning_rate,samples,seconds,preparation_seconds,images_per_second"]
        for r in history {
            lines.append([String(r.epoch), "\(r.trainingLoss)", r.validationLoss.map { "\($0)" } ?? "",
                          "\(r.learningRate)", String(r.samples), "\(r.seconds)", "\(r.preparationSeconds)",
                          "\(r.imagesPerSecond)"].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
