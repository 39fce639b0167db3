// The Float32 model later modules call: predict, embed, train one step.
import Foundation
import Tensor

/// Per-channel normalisation the preprocessing applies before the network: (x − mean) / std.
public struct ChannelNormalization: Codable, Sendable, Equatable {
    public var mean: [Float]
    public var std: [Float]
    public init(mean: [Float], std: [Float]) {
        self.mean = mean
        self.std = std
    }
}

/// The result of one training step.
public struct TrainStepResult: Sendable, Equatable {
    /// Loss of the batch before the update.
    public var loss: Float
    /// Global gradient norm before clipping.
    public var gradientNorm: Double
    public init(loss: Float, gradientNorm: Double) {
        self.loss = loss
        self.gradientNorm = gradientNorm
    }
}

/// A ViT with its outputs list, preprocessing recipe and provenance: what a weights file holds.
///
/// Inputs are batches N×C×H×W of Float32 already preprocessed by the caller (ImageIO owns the
/// recipe in `preprocessing`). Outputs are in (-1, 1), one per `outputs` entry, to be multiplied
/// by its scale. Not thread-safe: one caller at a time.
public final class ViTModel {
    public let network: ViTNetwork<Float>
    public let outputs: [OutputSpec]
    /// The preprocessing recipe as an opaque JSON string (ImageIO gives it meaning).
    public var preprocessing: String
    /// Free-form facts about where the weights came from (base model, data, date, …).
    public var provenance: [String: String]

    public var config: ViTConfig { network.config }

    /// Which parameters training changes.
    public var freezing: Freezing {
        get { network.freezing }
        set { network.freezing = newValue }
    }

    /// A freshly initialised model (weights drawn from `rng`).
    public init<G: RandomNumberGenerator>(
        config: ViTConfig, outputs: [OutputSpec], preprocessing: String = "{}",
        provenance: [String: String] = [:], using rng: inout G
    ) throws {
        network = try ViTNetwork<Float>(config: config, outputs: outputs.count, using: &rng)
        self.outputs = outputs
        self.preprocessing = preprocessing
        self.provenance = provenance
    }

    init(network: ViTNetwork<Float>, outputs: [OutputSpec], preprocessing: String, provenance: [String: String]) {
        self.network = network
        self.outputs = outputs
        self.preprocessing = preprocessing
        self.provenance = provenance
    }

    /// The per-channel mean/std under the recipe's `normalization` key (or top-level `mean`/`std`),
    /// or nil when the recipe has none.
    public var normalization: ChannelNormalization? {
        guard let data = preprocessing.data(using: .utf8),
              let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        let source = (obj["normalization"] as? [String: Any]) ?? obj
        guard let mean = (source["mean"] as? [NSNumber])?.map({ $0.floatValue }),
              let std = (source["std"] as? [NSNumber])?.map({ $0.floatValue }),
              mean.count == std.count, !mean.isEmpty else { return nil }
        return ChannelNormalization(mean: mean, std: std)
    }

    /// A recipe JSON string holding `normalization` (and any other keys the caller adds).
    public static func preprocessingJSON(normalization: ChannelNormalization, extra: [String: String] = [:]) -> String {
        var obj: [String: Any] = ["normalization": ["mean": normalization.mean.map(Double.init), "std": normalization.std.map(Double.init)]]
        for (k, v) in extra { obj[k] = v }
        let data = (try? JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: Inference

    /// Checks a batch N×C×H×W against the config; returns N.
    func checkBatch(_ batch: Tensor) throws -> Int {
        let c = config
        guard batch.shape.count == 4, batch.shape[1] == c.channels, batch.shape[2] == c.imageSize,
              batch.shape[3] == c.imageSize, batch.shape[0] > 0 else {
            throw ViTError.badInput("expected a batch N×\(c.channels)×\(c.imageSize)×\(c.imageSize), got \(batch.shape)")
        }
        if let bad = batch.data.firstIndex(where: { !$0.isFinite }) {
            throw ViTError.badInput("input element \(bad) is \(batch.data[bad])")
        }
        return batch.shape[0]
    }

    /// Runs inference in chunks of at most `chunk` images and collects `width` values per image
    /// from what `read` points at after each chunk.
    private func inference(_ batch: Tensor, chunk: Int, width: Int, _ read: () -> UnsafePointer<Float>) throws -> [[Float]] {
        let n = try checkBatch(batch)
        let per = config.inputCount
        var result: [[Float]] = []
        result.reserveCapacity(n)
        batch.data.withUnsafeBufferPointer { buf in
            var start = 0
            while start < n {
                let count = min(max(1, chunk), n - start)
                network.forward(buf.baseAddress! + start * per, batch: count)
                let values = read()
                for b in 0..<count { result.append(Array(UnsafeBufferPointer(start: values + b * width, count: width))) }
                start += count
            }
        }
        return result
    }

    /// Predictions in (-1, 1): one array of `outputs.count` values per image of `batch`.
    public func predict(batch: Tensor, chunk: Int = 16) throws -> [[Float]] {
        try inference(batch, chunk: chunk, width: outputs.count) { network.outputs }
    }

    /// The class-token embedding after the final layer norm, one array of `config.dim` values
    /// per image: a feature for nearest-neighbour baselines.
    public func embedding(batch: Tensor, chunk: Int = 16) throws -> [[Float]] {
        try inference(batch, chunk: chunk, width: config.dim) { network.embeddings }
    }

    /// Predictions and class-token embeddings from one forward pass per chunk.
    public func predictAndEmbed(batch: Tensor, chunk: Int = 16) throws -> (predictions: [[Float]], embeddings: [[Float]]) {
        var embeddings: [[Float]] = []
        let predictions = try inference(batch, chunk: chunk, width: outputs.count) {
            let count = network.lastBatch
            let values = network.embeddings
            for b in 0..<count { embeddings.append(Array(UnsafeBufferPointer(start: values + b * config.dim, count: config.dim))) }
            return network.outputs
        }
        return (predictions, embeddings)
    }

    /// Weighted MSE of predictions against targets (inference mode: no noise, no gradients).
    public func loss(batch: Tensor, targets: [[Float]], weights: [Float]? = nil) throws -> Float {
        let preds = try predict(batch: batch)
        let flatTargets = try checkTargets(targets, count: preds.count, weights: weights)
        let flatPreds = preds.flatMap { $0 }
        return flatPreds.withUnsafeBufferPointer { y in
            flatTargets.withUnsafeBufferPointer { t in
                optionalPointer(weights) { w in
                    ViTLayers.mseLoss(y.baseAddress!, targets: t.baseAddress!, weights: w, dy: nil,
                                      batch: preds.count, outputs: outputs.count)
                }
            }
        }
    }

    // MARK: Training

    func checkTargets(_ targets: [[Float]], count: Int, weights: [Float]?) throws -> [Float] {
        guard targets.count == count else {
            throw ViTError.badInput("\(targets.count) targets for \(count) images")
        }
        let o = outputs.count
        for (i, t) in targets.enumerated() {
            guard t.count == o else { throw ViTError.badInput("target \(i) has \(t.count) values, the model has \(o) outputs") }
            guard t.allSatisfy({ $0.isFinite }) else { throw ViTError.badInput("target \(i) is not finite") }
        }
        if let weights {
            guard weights.count == o, weights.allSatisfy({ $0 >= 0 && $0.isFinite }), weights.contains(where: { $0 > 0 }) else {
                throw ViTError.badInput("weights must be \(o) non-negative finite values, not all zero")
            }
        }
        return targets.flatMap { $0 }
    }

    /// Forward (training mode), loss and backward: leaves the gradients in `network.gradients`
    /// and returns the loss. The building block for custom loops (e.g. gradient accumulation).
    /// Dropout masks come from a generator seeded by one draw from `rng`.
    public func forwardBackward<G: RandomNumberGenerator>(
        batch: Tensor, targets: [[Float]], weights: [Float]? = nil, regularization: Regularization = .none,
        accumulate: Bool = false, using rng: inout G
    ) throws -> Float {
        var noise = SeededGenerator(seed: rng.next())
        return try forwardBackward(batch: batch, targets: targets, weights: weights, regularization: regularization,
                                   accumulate: accumulate, noise: &noise)
    }

    /// Non-generic core of `forwardBackward`, so the Float network code is specialised.
    func forwardBackward(
        batch: Tensor, targets: [[Float]], weights: [Float]?, regularization: Regularization, accumulate: Bool,
        noise: inout SeededGenerator
    ) throws -> Float {
        let n = try checkBatch(batch)
        let flatTargets = try checkTargets(targets, count: n, weights: weights)
        let o = outputs.count
        var dy = [Float](repeating: 0, count: n * o)
        return batch.data.withUnsafeBufferPointer { x in
            let y = network.forward(x.baseAddress!, batch: n, training: true, regularization: regularization, noise: &noise)
            let loss = flatTargets.withUnsafeBufferPointer { t in
                dy.withUnsafeMutableBufferPointer { dyp in
                    optionalPointer(weights) { w in
                        ViTLayers.mseLoss(y, targets: t.baseAddress!, weights: w, dy: dyp.baseAddress!, batch: n, outputs: o)
                    }
                }
            }
            dy.withUnsafeBufferPointer { network.backward(doutputs: $0.baseAddress!, accumulate: accumulate) }
            return loss
        }
    }

    /// Forward (training mode), a loss the caller computes from the outputs, and backward: for
    /// losses computed from labels (e.g. `MaskedMSE`, whose targets carry a per-sample mask).
    /// `loss(outputs, gradient)` reads the batch×O outputs, writes d loss / d outputs into
    /// `gradient` (batch×O, zeroed) and returns the loss. Runs the Float32 network inside this
    /// module, so callers elsewhere get the specialised code. Dropout masks come from `noiseSeed`.
    public func forwardBackward(
        batch: Tensor, regularization: Regularization = .none, accumulate: Bool = false, noiseSeed: UInt64,
        loss: (_ outputs: UnsafePointer<Float>, _ gradient: UnsafeMutablePointer<Float>) throws -> Float
    ) throws -> Float {
        let n = try checkBatch(batch)
        var noise = SeededGenerator(seed: noiseSeed)
        var dy = [Float](repeating: 0, count: n * outputs.count)
        return try batch.data.withUnsafeBufferPointer { x in
            let y = network.forward(x.baseAddress!, batch: n, training: true, regularization: regularization, noise: &noise)
            let value = try dy.withUnsafeMutableBufferPointer { try loss(y, $0.baseAddress!) }
            dy.withUnsafeBufferPointer { network.backward(doutputs: $0.baseAddress!, accumulate: accumulate) }
            return value
        }
    }

    /// After `forwardBackward`: optional clipping of the trainable gradients' global norm to
    /// `maxGradientNorm`, then an AdamW update of the unfrozen parameters. Returns the norm
    /// before clipping.
    @discardableResult
    public func applyGradients(optimizer: AdamW, learningRate: Double, maxGradientNorm: Double? = nil) -> Double {
        guard let grads = network.gradients else { preconditionFailure("no gradients; run forwardBackward first") }
        let start = network.slots.trainableStart(freezing)
        let norm = maxGradientNorm.map { GradientClipping.clip(grads, maxNorm: $0, from: start) }
            ?? GradientClipping.globalNorm(grads, from: start)
        optimizer.update(network, learningRate: learningRate)
        return norm
    }

    /// An AdamW optimizer sized for this model.
    public func makeOptimizer(weightDecay: Double = 0.05, beta1: Double = 0.9, beta2: Double = 0.999,
                              epsilon: Double = 1e-8) -> AdamW {
        AdamW(for: network, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay)
    }

    /// One optimisation step: forward, weighted MSE, backward, optional clipping of the global
    /// gradient norm to `maxGradientNorm`, AdamW update of the unfrozen parameters.
    public func trainStep<G: RandomNumberGenerator>(
        batch: Tensor, targets: [[Float]], weights: [Float]? = nil, optimizer: AdamW, learningRate: Double,
        maxGradientNorm: Double? = nil, regularization: Regularization = .none, using rng: inout G
    ) throws -> TrainStepResult {
        var noise = SeededGenerator(seed: rng.next())
        let loss = try forwardBackward(batch: batch, targets: targets, weights: weights,
                                       regularization: regularization, accumulate: false, noise: &noise)
        let norm = applyGradients(optimizer: optimizer, learningRate: learningRate, maxGradientNorm: maxGradientNorm)
        return TrainStepResult(loss: loss, gradientNorm: norm)
    }

    /// Frees activation memory held between calls (rebuilt on the next call).
    public func releaseActivations() { network.releaseActivations() }
}

@inline(__always)
func optionalPointer<R>(_ array: [Float]?, _ body: (UnsafePointer<Float>?) -> R) -> R {
    guard let array else { return body(nil) }
    return array.withUnsafeBufferPointer { body($0.baseAddress) }
}
