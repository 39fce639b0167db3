// Where a forward pass keeps what the backward pass needs, for one batch size.
import Tensor

/// Activation slots of one encoder block.
struct BlockActivationSlots {
    let ln1, ln1Mean, ln1Rstd, qkv, probs, att, branch, mid, ln2, ln2Mean, ln2Rstd, fc1, gelu: TensorSlot
    let mask1, mask2: TensorSlot?
}

/// All activations (and, when training, backward scratch) for batches of up to `batch` images,
/// in one flat buffer.
///
/// Training keeps every block's activations and the residual stream before each block.
/// Inference keeps one block's worth, reused by every block, and updates the residual in place.
final class ViTActivations<S: TensorScalar> {
    let batch: Int
    let training: Bool
    let masks: Bool
    let buffer: FlatBuffer<S>
    let patches: TensorSlot
    /// Residual stream: training has depth + 1 (input of each block and the output); inference 1.
    let residual: [TensorSlot]
    let blocks: [BlockActivationSlots]
    let lnf, lnfMean, lnfRstd, output: TensorSlot
    // Backward scratch (training only).
    let dres, dbranch, dln, dqkv, datt, dfc1, dprobs, dlnf, doutput: TensorSlot?

    init(config c: ViTConfig, outputs: Int, batch: Int, training: Bool, masks: Bool) {
        self.batch = batch
        self.training = training
        self.masks = masks
        var l = TensorLayout()
        let b = batch, t = c.tokens, d = c.dim
        let btd = [b, t, d]
        patches = l.add("patches", [b * c.patchCount, c.patchDim])
        residual = (0..<(training ? c.depth + 1 : 1)).map { l.add("residual.\($0)", btd) }
        blocks = (0..<(training ? c.depth : min(1, c.depth))).map { i in
            let p = "block.\(i)."
            return BlockActivationSlots(
                ln1: l.add(p + "ln1", btd), ln1Mean: l.add(p + "ln1.mean", [b * t]), ln1Rstd: l.add(p + "ln1.rstd", [b * t]),
                qkv: l.add(p + "qkv", [b, t, 3 * d]), probs: l.add(p + "probs", [b, c.heads, t, t]),
                att: l.add(p + "att", btd), branch: l.add(p + "branch", btd), mid: l.add(p + "mid", btd),
                ln2: l.add(p + "ln2", btd), ln2Mean: l.add(p + "ln2.mean", [b * t]), ln2Rstd: l.add(p + "ln2.rstd", [b * t]),
                fc1: l.add(p + "fc1", [b, t, c.mlpDim]), gelu: l.add(p + "gelu", [b, t, c.mlpDim]),
                mask1: masks ? l.add(p + "mask1", btd) : nil, mask2: masks ? l.add(p + "mask2", btd) : nil)
        }
        lnf = l.add("lnf", [b, d])
        lnfMean = l.add("lnf.mean", [b])
        lnfRstd = l.add("lnf.rstd", [b])
        output = l.add("output", [b, outputs])
        if training {
            dres = l.add("d.residual", btd)
            dbranch = l.add("d.branch", btd)
            dln = l.add("d.ln", btd)
            dqkv = l.add("d.qkv", [b, t, 3 * d])
            datt = l.add("d.att", btd)
            dfc1 = l.add("d.fc1", [b, t, c.mlpDim])
            dprobs = l.add("d.probs", [max(1, Parallelism.kernelThreads), t, t])
            dlnf = l.add("d.lnf", [b, d])
            doutput = l.add("d.output", [b, outputs])
        } else {
            (dres, dbranch, dln, dqkv, datt, dfc1, dprobs, dlnf, doutput) = (nil, nil, nil, nil, nil, nil, nil, nil, nil)
        }
        buffer = FlatBuffer(count: l.count)
    }

    func fits(batch: Int, training: Bool, masks: Bool) -> Bool {
        batch <= self.batch && training == self.training && masks == self.masks
            && (!training || (dprobs?.shape[0] ?? 0) >= Parallelism.kernelThreads)
    }
}
