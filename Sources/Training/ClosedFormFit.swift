import Foundation
import ImageIO
import Tensor

/// `finetune`'s default learner as a library: embed the edited photos once through the frozen
/// network, let ``FewShotLearner`` choose and fit a head by cross-validation on them, and write
/// that head into the model. Seconds, not minutes: one forward pass per photo and a few
/// thousand small linear solves.
public enum ClosedFormFit {
    /// Learns from the photos at `training` and installs the head in `model` (its current head
    /// is where the `neutral` candidates start). Returns what was learnt.
    public static func fit(model: StyleModel, images: [LinearImage], labels: [ScaledLabel], captureTimes: [Date?],
                           training: [Int], learner: FewShotLearner = FewShotLearner(), seed: UInt64 = 0,
                           threads: Int = 2) throws -> LearnedHead {
        let features = try model.embeddings(of: training.map { images[$0] }, threads: threads)
        let current = LearnedHead.currentHead(of: model)
        var learner = learner
        learner.seed = seed
        let head = try learner.learn(features: features, labels: training.map { labels[$0] },
                                     captureTimes: training.map { captureTimes[$0] },
                                     settings: model.descriptors.map(\.name),
                                     neutralWeights: current.weights, neutralBias: current.bias)
        try head.install(in: model)
        return head
    }
}

extension StyleModel {
    /// The class-token embeddings (the head's input) of shrunk linear images, in chunks of 32.
    public func embeddings(of images: [LinearImage], threads: Int = 2) throws -> [[Float]] {
        let preprocessor = Preprocessor(recipe: recipe)
        let size = recipe.inputSize
        var result: [[Float]] = []
        for start in stride(from: 0, to: images.count, by: 32) {
            let chunk = Array(images[start..<min(images.count, start + 32)])
            let data = Trainer.encode(chunk, preprocessor: preprocessor, threads: threads)
            result += try network.embedding(batch: Tensor(shape: [chunk.count, 3, size, size], data: data))
        }
        network.releaseActivations()
        return result
    }
}
