// The whole ViT: parameters, gradients and activations in flat buffers; forward and backward.
import SeededRandom
import Tensor

/// A Vision Transformer over scalar type `S`, parameters and gradients in flat buffers.
///
/// `ViTNetwork<Float>` is what `ViTModel` runs; `ViTNetwork<Double>` runs the same code for
/// gradient checks. Not thread-safe: one caller at a time.
public final class ViTNetwork<S: TensorScalar> {
    public let config: ViTConfig
    public let outputCount: Int
    public let slots: ViTParameterLayout
    public let parameters: FlatBuffer<S>
    /// Gradients, same layout as `parameters`; allocated on the first backward pass.
    public private(set) var gradients: FlatBuffer<S>?
    /// Which parameters the backward pass computes gradients for (the rest stay zero).
    public var freezing: Freezing = .none
    var activations: ViTActivations<S>?
    /// Batch size of the last forward pass.
    public private(set) var lastBatch = 0
    private var lastForwardWasTraining = false

    /// A network with timm-style random initial weights drawn from `rng`.
    public init<G: RandomNumberGenerator>(config: ViTConfig, outputs: Int, using rng: inout G) throws {
        try config.validate()
        guard outputs > 0 else { throw ViTError.invalidConfig("the model needs at least one output") }
        self.config = config
        self.outputCount = outputs
        slots = ViTParameterLayout(config: config, outputs: outputs)
        parameters = FlatBuffer(count: slots.layout.count)
        slots.initialize(parameters, using: &rng)
    }

    public var layout: TensorLayout { slots.layout }

    /// Number of parameters (without alignment padding).
    public var parameterCount: Int { layout.slots.reduce(0) { $0 + $1.count } }

    private func prepare(batch: Int, training: Bool, masks: Bool) -> ViTActivations<S> {
        if let a = activations, a.fits(batch: batch, training: training, masks: masks) { return a }
        activations = nil  // free the old buffer before allocating the new one
        let a = ViTActivations<S>(config: config, outputs: outputCount, batch: batch, training: training, masks: masks)
        activations = a
        return a
    }

    /// Releases the activation buffers (they are rebuilt on the next forward pass).
    public func releaseActivations() { activations = nil }

    // MARK: Forward

    /// Inference forward pass. input: B×C×H×W → returns B×O outputs in (-1, 1).
    /// The pointer is valid until the next call on this network.
    @discardableResult
    public func forward(_ input: UnsafePointer<S>, batch: Int) -> UnsafePointer<S> {
        var unused = SeededGenerator(seed: 0)
        return forward(input, batch: batch, training: false, regularization: .none, noise: &unused)
    }

    /// Forward pass. With `training`, every activation the backward pass needs is kept and the
    /// `regularization` noise (if any) is drawn from `rng` (through a generator seeded from it,
    /// so the hot path is not generic over the generator). input: B×C×H×W → B×O.
    @discardableResult
    public func forward<G: RandomNumberGenerator>(
        _ input: UnsafePointer<S>, batch: Int, training: Bool, regularization: Regularization,
        using rng: inout G
    ) -> UnsafePointer<S> {
        var noise = SeededGenerator(seed: rng.next())
        return forward(input, batch: batch, training: training, regularization: regularization, noise: &noise)
    }

    func forward(
        _ input: UnsafePointer<S>, batch: Int, training: Bool, regularization: Regularization,
        noise rng: inout SeededGenerator
    ) -> UnsafePointer<S> {
        precondition(batch > 0)
        let c = config, d = c.dim, t = c.tokens, rows = batch * t
        let masks = training && regularization.isActive
        let a = prepare(batch: batch, training: training, masks: masks)
        let buf = a.buffer, par = parameters, P = slots
        lastBatch = batch
        lastForwardWasTraining = training

        ViTLayers.unfold(input, batch: batch, config: c, into: buf.at(a.patches))
        ViTLayers.embedForward(
            patches: buf.at(a.patches), batch: batch, config: c, weight: par.at(P.patchWeight), bias: par.at(P.patchBias),
            classToken: par.at(P.classToken), positions: par.at(P.positions), out: buf.at(a.residual[0]))

        for l in 0..<c.depth {
            let s = a.blocks[training ? l : 0], w = P.blocks[l]
            let x = buf.at(a.residual[training ? l : 0])
            let mid = training ? buf.at(s.mid) : x
            let out = buf.at(a.residual[training ? l + 1 : 0])
            // Attention branch: mid = x + mask1 ⊙ proj(attention(ln1(x)))
            Kernels.layerNormForward(x, buf.at(s.ln1), mean: buf.at(s.ln1Mean), rstd: buf.at(s.ln1Rstd),
                                     weight: par.at(w.norm1Weight), bias: par.at(w.norm1Bias), rows: rows, dim: d,
                                     eps: S(c.layerNormEps))
            ViTLayers.linearForward(buf.at(s.ln1), weight: par.at(w.qkvWeight), bias: par.at(w.qkvBias),
                                    out: buf.at(s.qkv), m: rows, k: d, n: 3 * d)
            if !training && l == c.depth - 1 {
                lastBlockForClassTokens(x, s, w, buf, batch: batch)
                continue
            }
            ViTLayers.attentionForward(qkv: buf.at(s.qkv), probs: buf.at(s.probs), out: buf.at(s.att),
                                       batch: batch, tokens: t, dim: d, heads: c.heads)
            ViTLayers.linearForward(buf.at(s.att), weight: par.at(w.projWeight), bias: par.at(w.projBias),
                                    out: buf.at(s.branch), m: rows, k: d, n: d)
            if let m1 = s.mask1 {
                fillMask(buf.at(m1), batch: batch, block: l, regularization, using: &rng)
                Kernels.multiply(buf.at(s.branch), buf.at(m1), buf.at(s.branch), rows * d)
            }
            Kernels.add(x, buf.at(s.branch), mid, rows * d)
            // MLP branch: out = mid + mask2 ⊙ mlp(ln2(mid))
            Kernels.layerNormForward(mid, buf.at(s.ln2), mean: buf.at(s.ln2Mean), rstd: buf.at(s.ln2Rstd),
                                     weight: par.at(w.norm2Weight), bias: par.at(w.norm2Bias), rows: rows, dim: d,
                                     eps: S(c.layerNormEps))
            ViTLayers.mlpForward(buf.at(s.ln2), w1: par.at(w.fc1Weight), b1: par.at(w.fc1Bias),
                                 w2: par.at(w.fc2Weight), b2: par.at(w.fc2Bias), h: buf.at(s.fc1), g: buf.at(s.gelu),
                                 out: buf.at(s.branch), m: rows, dim: d, hidden: c.mlpDim)
            if let m2 = s.mask2 {
                fillMask(buf.at(m2), batch: batch, block: l, regularization, using: &rng)
                Kernels.multiply(buf.at(s.branch), buf.at(m2), buf.at(s.branch), rows * d)
            }
            Kernels.add(mid, buf.at(s.branch), out, rows * d)
        }
        // Final norm on the class tokens only (row 0 of each image), then the tanh head.
        Kernels.layerNormForward(buf.at(a.residual[training ? c.depth : 0]), buf.at(a.lnf),
                                 mean: buf.at(a.lnfMean), rstd: buf.at(a.lnfRstd),
                                 weight: par.at(P.normWeight), bias: par.at(P.normBias), rows: batch, dim: d,
                                 eps: S(c.layerNormEps), inputStride: t * d, outputStride: d)
        ViTLayers.headForward(buf.at(a.lnf), weight: par.at(P.headWeight), bias: par.at(P.headBias),
                              out: buf.at(a.output), batch: batch, dim: d, outputs: outputCount)
        return UnsafePointer(buf.at(a.output))
    }

    /// Inference shortcut for the last block once its keys and values exist: only the class
    /// tokens reach the head, so attention, projection and MLP run for one query row per image
    /// (about 1/depth of the work saved). Updates the class rows of `x` (B×T×D) in place.
    private func lastBlockForClassTokens(
        _ x: UnsafeMutablePointer<S>, _ s: BlockActivationSlots, _ w: BlockParameterSlots, _ buf: FlatBuffer<S>, batch: Int
    ) {
        let c = config, d = c.dim, t = c.tokens, hd = c.headDim, par = parameters
        let qkv = buf.at(s.qkv), probs = buf.at(s.probs), att = buf.at(s.att), branch = buf.at(s.branch)
        let scale = 1 / S(hd).squareRoot()
        for bh in 0..<(batch * c.heads) {
            let b = bh / c.heads, h = bh % c.heads
            let q = qkv + b * t * 3 * d + h * hd, k = q + d, v = q + 2 * d, p = probs + bh * t
            gemm(transB: true, m: 1, n: t, k: hd, alpha: scale, a: q, lda: 3 * d, b: k, ldb: 3 * d, c: p, ldc: t)
            Kernels.softmaxRows(p, rows: 1, cols: t)
            gemm(m: 1, n: hd, k: t, a: p, lda: t, b: v, ldb: 3 * d, c: att + b * d + h * hd, ldc: d)
        }
        // att, branch, ln2: B×D (class rows only); x rows b·T.
        ViTLayers.linearForward(att, weight: par.at(w.projWeight), bias: par.at(w.projBias), out: branch, m: batch, k: d, n: d)
        for b in 0..<batch { Kernels.add(x + b * t * d, branch + b * d, x + b * t * d, d) }
        Kernels.layerNormForward(x, buf.at(s.ln2), mean: buf.at(s.ln2Mean), rstd: buf.at(s.ln2Rstd),
                                 weight: par.at(w.norm2Weight), bias: par.at(w.norm2Bias), rows: batch, dim: d,
                                 eps: S(c.layerNormEps), inputStride: t * d, outputStride: d)
        ViTLayers.mlpForward(buf.at(s.ln2), w1: par.at(w.fc1Weight), b1: par.at(w.fc1Bias), w2: par.at(w.fc2Weight),
                             b2: par.at(w.fc2Bias), h: buf.at(s.fc1), g: buf.at(s.gelu), out: branch, m: batch, dim: d,
                             hidden: c.mlpDim)
        for b in 0..<batch { Kernels.add(x + b * t * d, branch + b * d, x + b * t * d, d) }
    }

    /// Dropout and drop-path mask for one branch: mask[b, t, d] = keepPath(b)/(1−pPath) ·
    /// keep(b, t, d)/(1−p).
    private func fillMask(
        _ mask: UnsafeMutablePointer<S>, batch: Int, block: Int, _ r: Regularization, using rng: inout SeededGenerator
    ) {
        let per = config.tokens * config.dim
        let pPath = config.depth > 1 ? Double(r.dropPath) * Double(block) / Double(config.depth - 1) : Double(r.dropPath)
        let pDrop = Double(r.dropout)
        for b in 0..<batch {
            let keepPath: Double = pPath > 0 ? (rng.nextUnitInterval() < pPath ? 0 : 1 / (1 - pPath)) : 1
            let row = mask + b * per
            if pDrop > 0 {
                let kept = S(keepPath / (1 - pDrop))
                for i in 0..<per { row[i] = rng.nextUnitInterval() < pDrop ? 0 : kept }
            } else {
                for i in 0..<per { row[i] = S(keepPath) }
            }
        }
    }

    /// Outputs of the last forward pass: lastBatch×O.
    public var outputs: UnsafePointer<S> {
        guard let a = activations else { preconditionFailure("no forward pass yet") }
        return UnsafePointer(a.buffer.at(a.output))
    }

    /// Class-token embeddings after the final norm from the last forward pass: lastBatch×D.
    public var embeddings: UnsafePointer<S> {
        guard let a = activations else { preconditionFailure("no forward pass yet") }
        return UnsafePointer(a.buffer.at(a.lnf))
    }

    // MARK: Backward

    /// Backward pass after a training forward pass: computes `gradients` (overwriting, or adding
    /// to them with `accumulate`) of the loss whose gradient with respect to the outputs is
    /// `doutputs` (lastBatch×O). Frozen parameters get zero gradients and are not traversed.
    public func backward(doutputs: UnsafePointer<S>, accumulate: Bool = false) {
        precondition(lastForwardWasTraining, "backward needs a training forward pass")
        guard let a = activations else { preconditionFailure("no forward pass yet") }
        let g: FlatBuffer<S>
        if let existing = gradients { g = existing } else { g = FlatBuffer(count: parameters.count); gradients = g }
        if !accumulate { g.zero() }
        let c = config, d = c.dim, t = c.tokens, batch = lastBatch, rows = batch * t
        let buf = a.buffer, par = parameters, P = slots
        let start = slots.trainableStart(freezing)
        let dres = buf.at(a.dres!), dln = buf.at(a.dln!), dbranch = buf.at(a.dbranch!)

        // Head and final norm (class rows only).
        let trainsNorm = start <= P.normWeight.offset
        ViTLayers.headBackward(dy: doutputs, y: buf.at(a.output), x: buf.at(a.lnf), weight: par.at(P.headWeight),
                               dx: trainsNorm ? buf.at(a.dlnf!) : nil, dWeight: g.at(P.headWeight), dBias: g.at(P.headBias),
                               scratch: buf.at(a.doutput!), batch: batch, dim: d, outputs: outputCount)
        guard trainsNorm else { return }
        UnsafeMutableRawPointer(dres).initializeMemory(as: UInt8.self, repeating: 0, count: rows * d * MemoryLayout<S>.stride)
        Kernels.layerNormBackward(dout: buf.at(a.dlnf!), x: buf.at(a.residual[c.depth]), mean: buf.at(a.lnfMean),
                                  rstd: buf.at(a.lnfRstd), weight: par.at(P.normWeight), dx: dres,
                                  dweight: g.at(P.normWeight), dbias: g.at(P.normBias), rows: batch, dim: d,
                                  inputStride: t * d, outputStride: d)

        // Blocks in reverse; dres holds dL/d(block output) and becomes dL/d(block input).
        for l in stride(from: c.depth - 1, through: 0, by: -1) {
            let w = P.blocks[l]
            if w.norm1Weight.offset < start { return }
            let s = a.blocks[l]
            let x = buf.at(a.residual[l]), mid = buf.at(s.mid)
            // MLP branch.
            var dm = UnsafePointer(dres)
            if let m2 = s.mask2 { Kernels.multiply(dres, buf.at(m2), dbranch, rows * d); dm = UnsafePointer(dbranch) }
            ViTLayers.mlpBackward(dout: dm, x: buf.at(s.ln2), w1: par.at(w.fc1Weight), w2: par.at(w.fc2Weight),
                                  h: buf.at(s.fc1), g: buf.at(s.gelu), dx: dln,
                                  dW1: g.at(w.fc1Weight), dB1: g.at(w.fc1Bias), dW2: g.at(w.fc2Weight), dB2: g.at(w.fc2Bias),
                                  scratch: buf.at(a.dfc1!), m: rows, dim: d, hidden: c.mlpDim)
            Kernels.layerNormBackward(dout: dln, x: mid, mean: buf.at(s.ln2Mean), rstd: buf.at(s.ln2Rstd),
                                      weight: par.at(w.norm2Weight), dx: dres, dweight: g.at(w.norm2Weight),
                                      dbias: g.at(w.norm2Bias), rows: rows, dim: d)
            // Attention branch (dres now holds dL/dmid).
            var dr = UnsafePointer(dres)
            if let m1 = s.mask1 { Kernels.multiply(dres, buf.at(m1), dbranch, rows * d); dr = UnsafePointer(dbranch) }
            ViTLayers.linearBackward(dout: dr, x: buf.at(s.att), weight: par.at(w.projWeight), dx: buf.at(a.datt!),
                                     dWeight: g.at(w.projWeight), dBias: g.at(w.projBias), m: rows, k: d, n: d)
            ViTLayers.attentionBackward(dout: buf.at(a.datt!), qkv: buf.at(s.qkv), probs: buf.at(s.probs),
                                        dqkv: buf.at(a.dqkv!), scratch: buf.at(a.dprobs!), batch: batch, tokens: t,
                                        dim: d, heads: c.heads)
            ViTLayers.linearBackward(dout: buf.at(a.dqkv!), x: buf.at(s.ln1), weight: par.at(w.qkvWeight),
                                     dx: dln, dWeight: g.at(w.qkvWeight), dBias: g.at(w.qkvBias),
                                     m: rows, k: d, n: 3 * d)
            Kernels.layerNormBackward(dout: dln, x: x, mean: buf.at(s.ln1Mean), rstd: buf.at(s.ln1Rstd),
                                      weight: par.at(w.norm1Weight), dx: dres, dweight: g.at(w.norm1Weight),
                                      dbias: g.at(w.norm1Bias), rows: rows, dim: d)
        }
        if start > 0 { return }
        // Embedding.
        ViTLayers.embedBackward(dx: dres, patches: buf.at(a.patches), batch: batch, config: c,
                                dWeight: g.at(P.patchWeight), dBias: g.at(P.patchBias),
                                dClassToken: g.at(P.classToken), dPositions: g.at(P.positions))
    }
}
