// The names, shapes and places of every parameter in the flat buffer (timm's names).
import SeededRandom
import Tensor

/// Slots of one encoder block's parameters.
public struct BlockParameterSlots: Sendable {
    public let norm1Weight, norm1Bias, qkvWeight, qkvBias, projWeight, projBias: TensorSlot
    public let norm2Weight, norm2Bias, fc1Weight, fc1Bias, fc2Weight, fc2Bias: TensorSlot
}

/// The parameter layout of a ViT: one flat buffer, named views in forward order.
///
/// Names follow timm (`blocks.3.attn.qkv.weight`), shapes follow PyTorch (`[out, in]`).
/// Because blocks come in order and the final norm and head come last, every "train only the
/// end" choice is a suffix of the buffer.
public struct ViTParameterLayout: Sendable {
    public let layout: TensorLayout
    public let patchWeight, patchBias, classToken, positions: TensorSlot
    public let blocks: [BlockParameterSlots]
    public let normWeight, normBias, headWeight, headBias: TensorSlot

    public init(config c: ViTConfig, outputs: Int) {
        var l = TensorLayout()
        let d = c.dim
        patchWeight = l.add("patch_embed.proj.weight", [d, c.channels, c.patchSize, c.patchSize])
        patchBias = l.add("patch_embed.proj.bias", [d])
        classToken = l.add("cls_token", [1, 1, d])
        positions = l.add("pos_embed", [1, c.tokens, d])
        var blocks: [BlockParameterSlots] = []
        for i in 0..<c.depth {
            let p = "blocks.\(i)."
            blocks.append(BlockParameterSlots(
                norm1Weight: l.add(p + "norm1.weight", [d]), norm1Bias: l.add(p + "norm1.bias", [d]),
                qkvWeight: l.add(p + "attn.qkv.weight", [3 * d, d]), qkvBias: l.add(p + "attn.qkv.bias", [3 * d]),
                projWeight: l.add(p + "attn.proj.weight", [d, d]), projBias: l.add(p + "attn.proj.bias", [d]),
                norm2Weight: l.add(p + "norm2.weight", [d]), norm2Bias: l.add(p + "norm2.bias", [d]),
                fc1Weight: l.add(p + "mlp.fc1.weight", [c.mlpDim, d]), fc1Bias: l.add(p + "mlp.fc1.bias", [c.mlpDim]),
                fc2Weight: l.add(p + "mlp.fc2.weight", [d, c.mlpDim]), fc2Bias: l.add(p + "mlp.fc2.bias", [d])))
        }
        self.blocks = blocks
        normWeight = l.add("norm.weight", [d])
        normBias = l.add("norm.bias", [d])
        headWeight = l.add("head.weight", [outputs, d])
        headBias = l.add("head.bias", [outputs])
        layout = l
    }

    /// The first buffer offset that trains under `freezing` (everything from there on trains).
    public func trainableStart(_ freezing: Freezing) -> Int {
        switch freezing {
        case .none: return 0
        case .headOnly: return headWeight.offset
        case let .lastBlocks(n):
            let k = max(0, min(n, blocks.count))
            return k == 0 ? normWeight.offset : blocks[blocks.count - k].norm1Weight.offset
        }
    }

    /// Whether AdamW's weight decay applies: matrices yes; biases, norms, tokens, positions no.
    public func decays(_ slot: TensorSlot) -> Bool {
        slot.shape.count >= 2 && slot.name != classToken.name && slot.name != positions.name
    }

    /// Initialises `params` like timm: truncated normal (std 0.02) for matrices, positions and
    /// patch projection; zeros for biases; ones and zeros for layer norms; 1e-6 normal for the
    /// class token.
    public func initialize<S: TensorScalar, G: RandomNumberGenerator>(_ params: FlatBuffer<S>, using rng: inout G) {
        params.zero()
        for slot in layout.slots {
            let p = params.at(slot)
            if slot.name.hasSuffix("norm1.weight") || slot.name.hasSuffix("norm2.weight") || slot.name == normWeight.name {
                for i in 0..<slot.count { p[i] = 1 }
            } else if slot.name == classToken.name {
                for i in 0..<slot.count { p[i] = S(rng.nextGaussian() * 1e-6) }
            } else if slot.shape.count >= 2 {
                for i in 0..<slot.count { p[i] = S(rng.nextTruncatedGaussian(standardDeviation: 0.02)) }
            }
        }
    }
}
