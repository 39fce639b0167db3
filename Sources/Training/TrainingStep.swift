import Foundation
import ImageIO
import Tensor
import ViT

/// One optimizer step, as both training loops (`Trainer`, and `autotone-lab pretrain`) take
/// it: the batch tone-encoded, forward and backward under the masked MSE, gradients clipped,
/// AdamW applied at the step's learning rate.
public struct TrainingStep {
    public let model: StyleModel
    public let optimizer: AdamW
    public let loss: MaskedMSE
    public let maxGradientNorm: Double?
    /// Threads that tone-encode the batch.
    public let threads: Int
    let preprocessor: Preprocessor

    public init(model: StyleModel, optimizer: AdamW, loss: MaskedMSE, maxGradientNorm: Double?, threads: Int) {
        self.model = model
        self.optimizer = optimizer
        self.loss = loss
        self.maxGradientNorm = maxGradientNorm
        self.threads = threads
        preprocessor = Preprocessor(recipe: model.recipe)
    }

    /// Trains on `batch` and returns its loss; dropout masks come from `noiseSeed`. Throws,
    /// saying `when` ("in epoch 3"), if the loss is not finite, before the weights change.
    @discardableResult
    public func callAsFunction(_ batch: [TrainingSample], learningRate: Double, noiseSeed: UInt64,
                               when: @autoclosure () -> String) throws -> Float {
        let input = Trainer.encode(batch.map(\.image), preprocessor: preprocessor, threads: threads)
        let labels = batch.map(\.label)
        let size = preprocessor.recipe.inputSize
        let value = try model.network.forwardBackward(
            batch: Tensor(shape: [batch.count, 3, size, size], data: input), noiseSeed: noiseSeed
        ) { y, gradient in loss.loss(outputs: y, labels: labels, gradient: gradient) }
        guard value.isFinite else {
            throw TrainingError.badOption("the loss became \(value) \(when()); try a lower learning rate")
        }
        model.network.applyGradients(optimizer: optimizer, learningRate: learningRate, maxGradientNorm: maxGradientNorm)
        return value
    }
}
