// Forward and backward of each ViT layer, generic over the scalar so Double can check Float's code.
import Tensor

/// The layers of a ViT as pure functions on pointers: a forward and a backward each, the
/// backward written as the forward in reverse (llm.c style). Backward functions accumulate
/// parameter gradients (`+=`); input gradients are overwritten unless noted.
public enum ViTLayers {
    // MARK: Patch embedding

    /// Unfolds images into rows of patches: patches[b·N + py·G + px, c·P² + ky·P + kx] =
    /// input[b, c, py·P + ky, px·P + kx]. input: B×C×H×W → patches: (B·N)×(C·P²). O(input).
    public static func unfold<S: TensorScalar>(
        _ input: UnsafePointer<S>, batch: Int, config c: ViTConfig, into patches: UnsafeMutablePointer<S>
    ) {
        let p = c.patchSize, g = c.grid, hw = c.imageSize
        parallelFor(rows: batch * g, workPerRow: g * c.patchDim) { rows in
            for row in rows {
                let b = row / g, py = row % g
                for px in 0..<g {
                    let dst = patches + ((b * g + py) * g + px) * c.patchDim
                    for ch in 0..<c.channels {
                        for ky in 0..<p {
                            let src = input + ((b * c.channels + ch) * hw + py * p + ky) * hw + px * p
                            (dst + (ch * p + ky) * p).update(from: src, count: p)
                        }
                    }
                }
            }
        }
    }

    /// Patch embedding with class token and positions:
    /// x[b, 0] = cls + pos[0];  x[b, 1 + n] = patches[b, n] · Wᵀ + bias + pos[1 + n].
    /// patches: (B·N)×PD, weight: D×PD, bias: D, cls: D, pos: T×D → x: B×T×D.
    public static func embedForward<S: TensorScalar>(
        patches: UnsafePointer<S>, batch: Int, config c: ViTConfig,
        weight: UnsafePointer<S>, bias: UnsafePointer<S>, classToken: UnsafePointer<S>, positions: UnsafePointer<S>,
        out x: UnsafeMutablePointer<S>
    ) {
        let d = c.dim, t = c.tokens, n = c.patchCount
        for b in 0..<batch {
            let xb = x + b * t * d
            // Positions (plus bias on patch rows) first, then the GEMM accumulates with beta = 1.
            xb.update(from: positions, count: t * d)
            Kernels.add(xb, classToken, xb, d)
            for r in 1..<t { Kernels.add(xb + r * d, bias, xb + r * d, d) }
            gemm(transB: true, m: n, n: d, k: c.patchDim, a: patches + b * n * c.patchDim, lda: c.patchDim,
                 b: weight, ldb: c.patchDim, beta: 1, c: xb + d, ldc: d)
        }
    }

    /// Backward of `embedForward`: dWeight, dBias, dClassToken, dPositions += … from dx (B×T×D).
    public static func embedBackward<S: TensorScalar>(
        dx: UnsafePointer<S>, patches: UnsafePointer<S>, batch: Int, config c: ViTConfig,
        dWeight: UnsafeMutablePointer<S>, dBias: UnsafeMutablePointer<S>,
        dClassToken: UnsafeMutablePointer<S>, dPositions: UnsafeMutablePointer<S>
    ) {
        let d = c.dim, t = c.tokens, n = c.patchCount
        for b in 0..<batch {
            let db = dx + b * t * d
            Kernels.accumulate(db, into: dPositions, t * d)
            Kernels.accumulate(db, into: dClassToken, d)
            Kernels.accumulateColumnSums(db + d, rows: n, cols: d, into: dBias)
        }
        // dW (D×PD) += Σ_b dx[b, 1:]ᵀ · patches[b]; one GEMM per image because of the class row.
        for b in 0..<batch {
            gemm(transA: true, m: d, n: c.patchDim, k: n, a: dx + b * t * d + d, lda: d,
                 b: patches + b * n * c.patchDim, ldb: c.patchDim, beta: 1, c: dWeight, ldc: c.patchDim)
        }
    }

    // MARK: Linear

    /// out = x · Wᵀ + bias.  x: M×K, weight: N×K, bias: N → out: M×N.
    public static func linearForward<S: TensorScalar>(
        _ x: UnsafePointer<S>, weight: UnsafePointer<S>, bias: UnsafePointer<S>,
        out: UnsafeMutablePointer<S>, m: Int, k: Int, n: Int
    ) {
        Kernels.broadcastRows(bias, out, rows: m, cols: n)
        gemm(transB: true, m: m, n: n, k: k, a: x, lda: k, b: weight, ldb: k, beta: 1, c: out, ldc: n)
    }

    /// Backward of `linearForward`: dWeight += doutᵀ·x, dBias += Σ rows of dout, and
    /// dx = dout·W (or dx += … with `accumulateInput`; skipped when dx is nil).
    public static func linearBackward<S: TensorScalar>(
        dout: UnsafePointer<S>, x: UnsafePointer<S>, weight: UnsafePointer<S>,
        dx: UnsafeMutablePointer<S>?, dWeight: UnsafeMutablePointer<S>, dBias: UnsafeMutablePointer<S>,
        m: Int, k: Int, n: Int, accumulateInput: Bool = false
    ) {
        gemm(transA: true, m: n, n: k, k: m, a: dout, lda: n, b: x, ldb: k, beta: 1, c: dWeight, ldc: k)
        Kernels.accumulateColumnSums(dout, rows: m, cols: n, into: dBias)
        if let dx {
            gemm(m: m, n: k, k: n, a: dout, lda: n, b: weight, ldb: k, beta: accumulateInput ? 1 : 0, c: dx, ldc: k)
        }
    }

    // MARK: Multi-head self-attention

    /// Scaled dot-product attention per image and head, two GEMMs each.
    /// qkv: B×T×3D (q | k | v, head h in columns h·hd ..< (h+1)·hd of each) →
    /// probs: B×H×T×T (saved for backward), out: B×T×D.
    public static func attentionForward<S: TensorScalar>(
        qkv: UnsafePointer<S>, probs: UnsafeMutablePointer<S>, out: UnsafeMutablePointer<S>,
        batch: Int, tokens t: Int, dim d: Int, heads: Int
    ) {
        let hd = d / heads
        let scale = 1 / S(hd).squareRoot()
        // Few (image, head) pairs (batch 1) would leave cores idle: then split the query rows too.
        let pairs = batch * heads
        let chunks = max(1, min(4, (2 * Parallelism.kernelThreads + pairs - 1) / pairs))
        forEachHead(pairs * chunks, work: t * t * hd * 2 / chunks) { item in
            let bh = item / chunks, part = item % chunks
            let b = bh / heads, h = bh % heads
            let r0 = part * t / chunks, r1 = (part + 1) * t / chunks
            let q = qkv + b * t * 3 * d + h * hd, k = q + d, v = q + 2 * d
            let p = probs + bh * t * t + r0 * t
            gemm(transB: true, m: r1 - r0, n: t, k: hd, alpha: scale, a: q + r0 * 3 * d, lda: 3 * d, b: k, ldb: 3 * d,
                 c: p, ldc: t)
            Kernels.softmaxRows(p, rows: r1 - r0, cols: t)
            gemm(m: r1 - r0, n: hd, k: t, a: p, lda: t, b: v, ldb: 3 * d, c: out + (b * t + r0) * d + h * hd, ldc: d)
        }
    }

    /// Backward of `attentionForward`: dqkv (overwritten) from dout (B×T×D).
    /// `scratch` holds T×T scalars per kernel thread.
    public static func attentionBackward<S: TensorScalar>(
        dout: UnsafePointer<S>, qkv: UnsafePointer<S>, probs: UnsafePointer<S>, dqkv: UnsafeMutablePointer<S>,
        scratch: UnsafeMutablePointer<S>, batch: Int, tokens t: Int, dim d: Int, heads: Int
    ) {
        let hd = d / heads
        let scale = 1 / S(hd).squareRoot()
        forEachHead(batch * heads, work: t * t * hd * 4) { bh, worker in
            let b = bh / heads, h = bh % heads
            let q = qkv + b * t * 3 * d + h * hd, k = q + d, v = q + 2 * d
            let dq = dqkv + b * t * 3 * d + h * hd, dk = dq + d, dv = dq + 2 * d
            let p = probs + bh * t * t
            let dO = dout + b * t * d + h * hd
            let dp = scratch + worker * t * t
            // dP = dO · Vᵀ;  dV = Pᵀ · dO
            gemm(transB: true, m: t, n: t, k: hd, a: dO, lda: d, b: v, ldb: 3 * d, c: dp, ldc: t)
            gemm(transA: true, m: t, n: hd, k: t, a: p, lda: t, b: dO, ldb: d, c: dv, ldc: 3 * d)
            // dS = P ⊙ (dP − rowsum(dP ⊙ P));  dQ = scale·dS·K;  dK = scale·dSᵀ·Q
            Kernels.softmaxBackwardRows(probabilities: p, dp, rows: t, cols: t)
            gemm(m: t, n: hd, k: t, alpha: scale, a: dp, lda: t, b: k, ldb: 3 * d, c: dq, ldc: 3 * d)
            gemm(transA: true, m: t, n: hd, k: t, alpha: scale, a: dp, lda: t, b: q, ldb: 3 * d, c: dk, ldc: 3 * d)
        }
    }

    /// Runs `body(index, worker)` for every (image, head), spread over the kernel threads
    /// (round robin, so the assignment and thus the results do not depend on timing).
    static func forEachHead(_ count: Int, work: Int, _ body: (Int) -> Void) {
        forEachHead(count, work: work) { i, _ in body(i) }
    }

    static func forEachHead(_ count: Int, work: Int, _ body: (Int, Int) -> Void) {
        let threads = min(Parallelism.kernelThreads, count)
        if threads <= 1 || count * work < 1 << 18 || Parallelism.isNested {
            for i in 0..<count { body(i, 0) }
            return
        }
        Parallelism.concurrent(threads) { w in
            var i = w
            while i < count { body(i, w); i += threads }
        }
    }

    // MARK: Head and loss

    /// y = tanh(x · Wᵀ + bias).  x: B×D (class tokens after the final norm), weight: O×D → y: B×O.
    public static func headForward<S: TensorScalar>(
        _ x: UnsafePointer<S>, weight: UnsafePointer<S>, bias: UnsafePointer<S>, out y: UnsafeMutablePointer<S>,
        batch: Int, dim: Int, outputs: Int
    ) {
        linearForward(x, weight: weight, bias: bias, out: y, m: batch, k: dim, n: outputs)
        for i in 0..<batch * outputs { y[i] = S.tanh(y[i]) }
    }

    /// Backward of `headForward`: dy → dx (overwritten), dWeight, dBias (+=). `scratch`: B×O.
    public static func headBackward<S: TensorScalar>(
        dy: UnsafePointer<S>, y: UnsafePointer<S>, x: UnsafePointer<S>, weight: UnsafePointer<S>,
        dx: UnsafeMutablePointer<S>?, dWeight: UnsafeMutablePointer<S>, dBias: UnsafeMutablePointer<S>,
        scratch: UnsafeMutablePointer<S>, batch: Int, dim: Int, outputs: Int
    ) {
        for i in 0..<batch * outputs { scratch[i] = dy[i] * (1 - y[i] * y[i]) }
        linearBackward(dout: scratch, x: x, weight: weight, dx: dx, dWeight: dWeight, dBias: dBias,
                       m: batch, k: dim, n: outputs)
    }

    /// The one training loss: weighted mean squared error over the targets that are present,
    ///
    ///     L = Σ_b Σ_o w_o · m_bo · (y − t)² / Σ_b Σ_o w_o · m_bo
    ///
    /// (plain MSE when all weights are 1 and every target is present). m_bo is `present[b·O+o]`
    /// (nil: all present); an absent target adds nothing to the error or the count. Writes dL/dy
    /// into `dy` (0 for absent targets) and returns L; with nothing present L and dy are 0.
    /// Sums in Double, so a large batch's loss does not drift with Float rounding.
    /// y, t, dy, present: B×O; weights: O or nil.
    public static func mseLoss<S: TensorScalar>(
        _ y: UnsafePointer<S>, targets t: UnsafePointer<S>, weights: UnsafePointer<S>?,
        present: UnsafePointer<Bool>? = nil, dy: UnsafeMutablePointer<S>?, batch: Int, outputs: Int
    ) -> S {
        var total = 0.0, denominator = 0.0
        for i in 0..<batch * outputs where present?[i] ?? true {
            let w = Double(weights?[i % outputs] ?? 1)
            let e = Double(y[i]) - Double(t[i])
            total += w * e * e
            denominator += w
        }
        if let dy {
            let scale = denominator > 0 ? 2 / denominator : 0
            for i in 0..<batch * outputs {
                let w = Double(weights?[i % outputs] ?? 1)
                dy[i] = present?[i] ?? true ? S(scale * w * (Double(y[i]) - Double(t[i]))) : 0
            }
        }
        return denominator > 0 ? S(total / denominator) : 0
    }
}

extension ViTLayers {
    // MARK: MLP

    /// out = gelu(x · W1ᵀ + b1) · W2ᵀ + b2, saving the pre-activation h and g = gelu(h).
    /// x: M×D, w1: F×D, w2: D×F → h, g: M×F, out: M×D.
    public static func mlpForward<S: TensorScalar>(
        _ x: UnsafePointer<S>, w1: UnsafePointer<S>, b1: UnsafePointer<S>, w2: UnsafePointer<S>, b2: UnsafePointer<S>,
        h: UnsafeMutablePointer<S>, g: UnsafeMutablePointer<S>, out: UnsafeMutablePointer<S>, m: Int, dim: Int, hidden: Int
    ) {
        linearForward(x, weight: w1, bias: b1, out: h, m: m, k: dim, n: hidden)
        Kernels.gelu(h, g, m * hidden)
        linearForward(g, weight: w2, bias: b2, out: out, m: m, k: hidden, n: dim)
    }

    /// Backward of `mlpForward`: dx (overwritten) and parameter gradients (+=) from dout.
    /// `scratch`: M×F.
    public static func mlpBackward<S: TensorScalar>(
        dout: UnsafePointer<S>, x: UnsafePointer<S>, w1: UnsafePointer<S>, w2: UnsafePointer<S>,
        h: UnsafePointer<S>, g: UnsafePointer<S>, dx: UnsafeMutablePointer<S>,
        dW1: UnsafeMutablePointer<S>, dB1: UnsafeMutablePointer<S>, dW2: UnsafeMutablePointer<S>, dB2: UnsafeMutablePointer<S>,
        scratch: UnsafeMutablePointer<S>, m: Int, dim: Int, hidden: Int
    ) {
        linearBackward(dout: dout, x: g, weight: w2, dx: scratch, dWeight: dW2, dBias: dB2, m: m, k: hidden, n: dim)
        Kernels.geluBackward(h, scratch, scratch, m * hidden)
        linearBackward(dout: scratch, x: x, weight: w1, dx: dx, dWeight: dW1, dBias: dB1, m: m, k: dim, n: hidden)
    }
}
