// AdamW with decoupled weight decay and bias correction, over a flat parameter buffer.
import Tensor

/// AdamW (Loshchilov & Hutter), as PyTorch's `torch.optim.AdamW`:
///
///     p ← p − lr·λ·p                     (decoupled decay, matrices only)
///     m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²
///     p ← p − lr · (m / (1−β1ᵗ)) / (√(v / (1−β2ᵗ)) + ε)
///
/// Keeps its moments in flat buffers laid out like the parameters. O(parameters) per step.
public final class AdamWOptimizer<S: TensorScalar> {
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    public var weightDecay: Double
    /// Steps taken so far (the t of the bias correction).
    public var step: Int
    public let m: FlatBuffer<S>
    public let v: FlatBuffer<S>

    public init(parameterCount: Int, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                weightDecay: Double = 0.05) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        step = 0
        m = FlatBuffer(count: parameterCount)
        v = FlatBuffer(count: parameterCount)
    }

    /// An optimizer sized for `network`.
    public convenience init(for network: ViTNetwork<S>, beta1: Double = 0.9, beta2: Double = 0.999,
                            epsilon: Double = 1e-8, weightDecay: Double = 0.05) {
        self.init(parameterCount: network.parameters.count, beta1: beta1, beta2: beta2, epsilon: epsilon,
                  weightDecay: weightDecay)
    }

    /// One update of the slots of `layout` that start at or after `trainableStart`;
    /// `decays(slot)` says which get weight decay.
    public func update(parameters: FlatBuffer<S>, gradients: FlatBuffer<S>, layout: TensorLayout,
                       trainableStart: Int = 0, learningRate: Double, decays: (TensorSlot) -> Bool) {
        precondition(parameters.count == m.count && gradients.count == m.count, "AdamW: buffer sizes differ")
        step += 1
        let b1 = S(beta1), b2 = S(beta2), eps = S(epsilon)
        let c1 = 1 - pow(beta1, Double(step)), c2 = 1 - pow(beta2, Double(step))
        let stepSize = S(learningRate / c1), invSqrtC2 = S(1 / c2.squareRoot())
        for slot in layout.slots where slot.offset >= trainableStart {
            let p = parameters.at(slot), g = gradients.at(slot), mm = m.at(slot), vv = v.at(slot)
            let decay = decays(slot) ? S(1 - learningRate * weightDecay) : 1
            let n = slot.count
            parallelFor(rows: (n + 4095) / 4096, workPerRow: 4096 * 8) { r in
                for i in (r.lowerBound * 4096)..<min(n, r.upperBound * 4096) {
                    let gi = g[i]
                    let mi = b1 * mm[i] + (1 - b1) * gi
                    let vi = b2 * vv[i] + (1 - b2) * gi * gi
                    mm[i] = mi
                    vv[i] = vi
                    p[i] = p[i] * decay - stepSize * mi / ((vi).squareRoot() * invSqrtC2 + eps)
                }
            }
        }
    }

    /// One update of `network`'s trainable parameters from its gradients.
    public func update(_ network: ViTNetwork<S>, learningRate: Double) {
        guard let g = network.gradients else { preconditionFailure("AdamW: no gradients; run backward first") }
        let slots = network.slots
        update(parameters: network.parameters, gradients: g, layout: slots.layout,
               trainableStart: slots.trainableStart(network.freezing), learningRate: learningRate,
               decays: { slots.decays($0) })
    }
}

public typealias AdamW = AdamWOptimizer<Float>

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Global gradient norm clipping (as `torch.nn.utils.clip_grad_norm_`).
public enum GradientClipping {
    /// The L2 norm of all gradients from `start` on, accumulated in Double.
    public static func globalNorm<S: TensorScalar>(_ gradients: FlatBuffer<S>, from start: Int = 0) -> Double {
        Kernels.sumOfSquares(gradients.pointer + start, gradients.count - start).squareRoot()
    }

    /// Scales the gradients from `start` on by maxNorm / (norm + 1e-6) when their norm exceeds
    /// `maxNorm`. Returns the norm before clipping.
    @discardableResult
    public static func clip<S: TensorScalar>(_ gradients: FlatBuffer<S>, maxNorm: Double, from start: Int = 0) -> Double {
        let norm = globalNorm(gradients, from: start)
        if norm > maxNorm {
            Kernels.scale(gradients.pointer + start, gradients.count - start, by: S(maxNorm / (norm + 1e-6)))
        }
        return norm
    }
}

/// Learning rate: linear warm-up to `peak`, then cosine decay to `minimum` at `totalSteps`.
public struct LearningRateSchedule: Sendable, Equatable, Codable {
    public var peak: Double
    public var warmupSteps: Int
    public var totalSteps: Int
    public var minimum: Double

    public init(peak: Double, warmupSteps: Int, totalSteps: Int, minimum: Double = 0) {
        self.peak = peak
        self.warmupSteps = max(0, warmupSteps)
        self.totalSteps = max(1, totalSteps)
        self.minimum = minimum
    }

    /// The rate for 0-based `step`: (step+1)/warmup·peak during warm-up, then
    /// minimum + (peak − minimum)·(1 + cos(π·progress))/2, constant at `minimum` after the end.
    public func rate(at step: Int) -> Double {
        if step < warmupSteps { return peak * Double(step + 1) / Double(warmupSteps) }
        let span = max(1, totalSteps - warmupSteps)
        let progress = min(1, Double(step - warmupSteps) / Double(span))
        return minimum + (peak - minimum) * 0.5 * (1 + cos(Double.pi * progress))
    }
}
