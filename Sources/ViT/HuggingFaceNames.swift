// Hugging Face `google/vit-*-patch16-224` checkpoints: their names mapped onto ours.
import Tensor

/// Maps Hugging Face `ViTModel` / `ViTForImageClassification` tensor names to our layout.
///
/// Query, key and value ([D, D] each) are stacked into our fused `qkv` ([3D, D]); the pooler
/// and the classifier are dropped, the tanh head is freshly initialised.
public enum HuggingFaceNames {
    static let patchWeightSuffix = "embeddings.patch_embeddings.projection.weight"

    static func looksLikeHuggingFace<C: Collection>(_ names: C) -> Bool where C.Element == String {
        names.contains { $0 == patchWeightSuffix || $0 == "vit." + patchWeightSuffix }
    }

    /// Names we accept but do not use.
    static func ignored(_ name: String) -> Bool {
        name.hasPrefix("classifier.") || name.hasPrefix("pooler.")
    }

    static func load(_ file: SafeTensorsFile, path: String, options: ForeignWeightsOptions) throws -> LoadedModel {
        guard !options.outputs.isEmpty else { throw ModelFileError.needsOutputs(path: path) }
        let prefix = file.tensors.keys.contains("vit." + patchWeightSuffix) ? "vit." : ""
        // Strip the optional prefix; everything else must be known.
        var tensors: [String: SafeTensorsEntry] = [:]
        for (name, entry) in file.tensors {
            let bare = name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name
            if ignored(bare) || ignored(name) { continue }
            tensors[bare] = entry
        }
        func tensor(_ name: String) throws -> Tensor {
            guard let e = tensors[name] else { throw ModelFileError.missingTensors(path: path, names: [prefix + name]) }
            return e.tensor
        }
        // Infer the config from the shapes.
        let patch = try tensor(patchWeightSuffix)
        guard patch.shape.count == 4, patch.shape[2] == patch.shape[3] else {
            throw ModelFileError.shapeMismatch(path: path, tensor: prefix + patchWeightSuffix, expected: [-1, 3, 16, 16], found: patch.shape)
        }
        let d = patch.shape[0], p = patch.shape[2]
        let pos = try tensor("embeddings.position_embeddings")
        guard pos.shape.count == 3, pos.shape[0] == 1, pos.shape[2] == d, pos.shape[1] >= 2 else {
            throw ModelFileError.shapeMismatch(path: path, tensor: prefix + "embeddings.position_embeddings", expected: [1, -1, d], found: pos.shape)
        }
        let n = pos.shape[1] - 1
        let g = Int(Double(n).squareRoot().rounded())
        guard g * g == n else {
            throw ModelFileError.notAModel(path: path, reason: "\(n) position embeddings do not form a square grid of patches")
        }
        var depth = 0
        while tensors["encoder.layer.\(depth).layernorm_before.weight"] != nil { depth += 1 }
        let mlp = try tensor("encoder.layer.0.intermediate.dense.weight").shape.first ?? 0
        let heads = options.heads ?? (d % 64 == 0 ? d / 64 : 0)
        guard heads > 0 else {
            throw ModelFileError.notAModel(path: path, reason: "width \(d) is not a multiple of 64: give the number of heads")
        }
        let config = ViTConfig(imageSize: g * p, patchSize: p, channels: patch.shape[1], dim: d, depth: depth, heads: heads,
                               mlpDim: mlp, layerNormEps: options.layerNormEps)
        do { try config.validate() } catch { throw ModelFileError.notAModel(path: path, reason: "\(error)") }

        var rng = SeededGenerator(seed: options.seed)
        let network = try ViTNetwork<Float>(config: config, outputs: options.outputs.count, using: &rng)
        let slots = network.slots
        var used = Set<String>()
        func take(_ name: String, _ slot: TensorSlot, shape: [Int]? = nil) throws {
            let t = try tensor(name)
            let want = shape ?? slot.shape
            guard t.shape == want else {
                throw ModelFileError.shapeMismatch(path: path, tensor: prefix + name, expected: want, found: t.shape)
            }
            network.parameters.set(slot, t.data)
            used.insert(name)
        }
        try take(patchWeightSuffix, slots.patchWeight)
        try take("embeddings.patch_embeddings.projection.bias", slots.patchBias)
        try take("embeddings.cls_token", slots.classToken)
        try take("embeddings.position_embeddings", slots.positions)
        for (l, b) in slots.blocks.enumerated() {
            let h = "encoder.layer.\(l)."
            try take(h + "layernorm_before.weight", b.norm1Weight)
            try take(h + "layernorm_before.bias", b.norm1Bias)
            var qkvW: [Float] = [], qkvB: [Float] = []
            for part in ["query", "key", "value"] {
                let wn = h + "attention.attention.\(part).weight", bn = h + "attention.attention.\(part).bias"
                let w = try tensor(wn), bias = try tensor(bn)
                guard w.shape == [d, d] else { throw ModelFileError.shapeMismatch(path: path, tensor: prefix + wn, expected: [d, d], found: w.shape) }
                guard bias.shape == [d] else { throw ModelFileError.shapeMismatch(path: path, tensor: prefix + bn, expected: [d], found: bias.shape) }
                qkvW += w.data
                qkvB += bias.data
                used.insert(wn)
                used.insert(bn)
            }
            network.parameters.set(b.qkvWeight, qkvW)
            network.parameters.set(b.qkvBias, qkvB)
            try take(h + "attention.output.dense.weight", b.projWeight)
            try take(h + "attention.output.dense.bias", b.projBias)
            try take(h + "layernorm_after.weight", b.norm2Weight)
            try take(h + "layernorm_after.bias", b.norm2Bias)
            try take(h + "intermediate.dense.weight", b.fc1Weight)
            try take(h + "intermediate.dense.bias", b.fc1Bias)
            try take(h + "output.dense.weight", b.fc2Weight)
            try take(h + "output.dense.bias", b.fc2Bias)
        }
        try take("layernorm.weight", slots.normWeight)
        try take("layernorm.bias", slots.normBias)
        let extra = Set(tensors.keys).subtracting(used).map { prefix + $0 }.sorted()
        if !extra.isEmpty { throw ModelFileError.unexpectedTensors(path: path, names: extra) }

        let model = ViTModel(network: network, outputs: options.outputs, preprocessing: options.preprocessing,
                             provenance: ["base": "Hugging Face ViT checkpoint", "head": "fresh (seed \(options.seed))"])
        return LoadedModel(model: model, optimizer: nil, source: .huggingFace, metadata: file.metadata)
    }
}
