// Weights files: our safetensors layout with metadata, and Hugging Face ViT checkpoints.
import Foundation
import Tensor

/// What is wrong with a weights file, naming the file and the tensor or key.
public enum ModelFileError: Error, Equatable, CustomStringConvertible {
    case safetensors(SafeTensorsError)
    case notAModel(path: String, reason: String)
    case badMetadata(path: String, key: String, reason: String)
    case missingTensors(path: String, names: [String])
    case unexpectedTensors(path: String, names: [String])
    case shapeMismatch(path: String, tensor: String, expected: [Int], found: [Int])
    case wrongDType(path: String, tensor: String, expected: String, found: String)
    case needsOutputs(path: String)

    public var description: String {
        func list(_ n: [String]) -> String { n.count <= 6 ? n.joined(separator: ", ") : n.prefix(6).joined(separator: ", ") + " and \(n.count - 6) more" }
        switch self {
        case let .safetensors(e): return e.description
        case let .notAModel(p, r): return "\(p): not a ViT weights file: \(r)"
        case let .badMetadata(p, k, r): return "\(p): metadata '\(k)': \(r)"
        case let .missingTensors(p, n): return "\(p): missing tensors: \(list(n))"
        case let .unexpectedTensors(p, n): return "\(p): unexpected tensors: \(list(n))"
        case let .shapeMismatch(p, t, e, f): return "\(p): tensor '\(t)' has shape \(f), expected \(e)"
        case let .wrongDType(p, t, e, f): return "\(p): tensor '\(t)' is \(f), expected \(e)"
        case let .needsOutputs(p):
            return "\(p): a Hugging Face checkpoint has no settings list; pass the outputs to train a head for"
        }
    }
}

/// How to build a model from a checkpoint that carries no AutoTone metadata (Hugging Face names).
public struct ForeignWeightsOptions: Sendable {
    public var outputs: [OutputSpec]
    /// Attention heads; nil means width / 64, as in every `google/vit-*-patch16-224`.
    public var heads: Int?
    public var preprocessing: String
    /// Seed for the freshly initialised head.
    public var seed: UInt64
    public var layerNormEps: Double

    public init(outputs: [OutputSpec], heads: Int? = nil, preprocessing: String = "{}", seed: UInt64 = 0,
                layerNormEps: Double = 1e-12) {
        self.outputs = outputs
        self.heads = heads
        self.preprocessing = preprocessing
        self.seed = seed
        self.layerNormEps = layerNormEps
    }
}

/// A loaded weights file.
public struct LoadedModel {
    public enum Source: Sendable, Equatable { case autotone, huggingFace }
    public var model: ViTModel
    /// AdamW state when the file was saved with it (to resume training).
    public var optimizer: AdamW?
    public var source: Source
    /// The file's raw `__metadata__`.
    public var metadata: [String: String]
}

/// Reading and writing model weights as safetensors.
///
/// Metadata keys: `format` (`autotone-vit/1`), `config` (JSON `ViTConfig`), `outputs`
/// (JSON `[OutputSpec]`), `preprocessing` (opaque JSON string), `provenance` (JSON string map),
/// and `optimizer` (JSON step and hyperparameters) when AdamW moments are stored as
/// `optimizer.m.<name>` / `optimizer.v.<name>` (always F32).
public enum ModelFile {
    public static let format = "autotone-vit/1"
    static let optimizerPrefix = "optimizer."

    struct OptimizerMetadata: Codable {
        var step: Int
        var beta1: Double, beta2: Double, epsilon: Double, weightDecay: Double
    }

    /// True when `url` is a weights file AutoTone wrote (its safetensors header says `format`
    /// `autotone…`): a file `finetune --out` may replace. Reads the header only.
    public static func isAutoToneWeights(_ url: URL) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return false }
        defer { try? handle.close() }
        guard let prefix = try? handle.read(upToCount: 8), prefix.count == 8 else { return false }
        let length = prefix.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard length > 0, length < 1 << 24, let header = try? handle.read(upToCount: Int(length)),
              header.count == Int(length),
              let json = (try? JSONSerialization.jsonObject(with: header)) as? [String: Any],
              let metadata = json["__metadata__"] as? [String: Any], let format = metadata["format"] as? String
        else { return false }
        return format.hasPrefix("autotone")
    }

    /// Writes `model` (and `optimizer` when given) to `url` atomically; weights in `dtype`.
    public static func save(_ model: ViTModel, optimizer: AdamW? = nil, to url: URL,
                            dtype: SafeTensorsDType = .f32) throws {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        func json<T: Encodable>(_ v: T) throws -> String { String(decoding: try enc.encode(v), as: UTF8.self) }
        var file = SafeTensorsFile()
        file.metadata = [
            "format": format,
            "config": try json(model.config),
            "outputs": try json(model.outputs),
            "preprocessing": model.preprocessing,
            "provenance": try json(model.provenance),
        ]
        let net = model.network
        for slot in net.layout.slots {
            file.tensors[slot.name] = SafeTensorsEntry(
                tensor: Tensor(shape: slot.shape, data: net.parameters.array(slot)), dtype: dtype)
        }
        if let optimizer {
            file.metadata["optimizer"] = try json(OptimizerMetadata(
                step: optimizer.step, beta1: optimizer.beta1, beta2: optimizer.beta2, epsilon: optimizer.epsilon,
                weightDecay: optimizer.weightDecay))
            for slot in net.layout.slots {
                file.tensors[optimizerPrefix + "m." + slot.name] = SafeTensorsEntry(
                    tensor: Tensor(shape: slot.shape, data: optimizer.m.array(slot)), dtype: .f32)
                file.tensors[optimizerPrefix + "v." + slot.name] = SafeTensorsEntry(
                    tensor: Tensor(shape: slot.shape, data: optimizer.v.array(slot)), dtype: .f32)
            }
        }
        do { try file.write(url: url) } catch let e as SafeTensorsError { throw ModelFileError.safetensors(e) }
    }

    /// Reads a weights file, checking every key, shape and dtype. Files with AutoTone metadata
    /// load as saved; Hugging Face ViT checkpoints (`ViTModel` / `ViTForImageClassification`
    /// names, `vit.` prefix optional) load with `foreign`'s outputs and a fresh head.
    public static func load(url: URL, foreign: ForeignWeightsOptions? = nil) throws -> LoadedModel {
        let file: SafeTensorsFile
        do { file = try SafeTensorsFile.read(url: url) } catch let e as SafeTensorsError { throw ModelFileError.safetensors(e) }
        return try load(file, path: url.path, foreign: foreign)
    }

    /// Builds a model from an already read safetensors file; `path` labels errors.
    public static func load(_ file: SafeTensorsFile, path: String, foreign: ForeignWeightsOptions? = nil) throws -> LoadedModel {
        // Hugging Face writes {"format": "pt"}; ours is `format` and carries the config.
        if let f = file.metadata["format"], f.hasPrefix("autotone") { return try loadOwn(file, path: path) }
        if HuggingFaceNames.looksLikeHuggingFace(file.tensors.keys) {
            guard let foreign else { throw ModelFileError.needsOutputs(path: path) }
            return try HuggingFaceNames.load(file, path: path, options: foreign)
        }
        throw ModelFileError.notAModel(path: path, reason: "no AutoTone metadata and no Hugging Face ViT tensor names")
    }

    private static func loadOwn(_ file: SafeTensorsFile, path: String) throws -> LoadedModel {
        let meta = file.metadata
        guard meta["format"] == format else {
            throw ModelFileError.badMetadata(path: path, key: "format", reason: "'\(meta["format"] ?? "")' is not \(format)")
        }
        func decode<T: Decodable>(_ key: String, _ type: T.Type) throws -> T {
            guard let s = meta[key] else { throw ModelFileError.badMetadata(path: path, key: key, reason: "missing") }
            do { return try JSONDecoder().decode(T.self, from: Data(s.utf8)) } catch {
                throw ModelFileError.badMetadata(path: path, key: key, reason: "cannot decode: \(error)")
            }
        }
        let config = try decode("config", ViTConfig.self)
        do { try config.validate() } catch { throw ModelFileError.badMetadata(path: path, key: "config", reason: "\(error)") }
        let outputs = try decode("outputs", [OutputSpec].self)
        guard !outputs.isEmpty, outputs.allSatisfy({ $0.scale.isFinite && $0.scale != 0 && !$0.name.isEmpty }) else {
            throw ModelFileError.badMetadata(path: path, key: "outputs", reason: "needs at least one named output with a finite, non-zero scale")
        }
        let provenance = meta["provenance"] == nil ? [:] : try decode("provenance", [String: String].self)
        let optimizerMeta = meta["optimizer"] == nil ? nil : try decode("optimizer", OptimizerMetadata.self)

        // Names and shapes are checked against the layout before the network is allocated: a
        // config that lies (a huge width or depth) must fail on the tensors the file really
        // holds, not by allocating what the config claims.
        let layout = ViTParameterLayout(config: config, outputs: outputs.count).layout
        var expected = Set(layout.slots.map(\.name))
        if optimizerMeta != nil {
            for s in layout.slots { expected.insert(optimizerPrefix + "m." + s.name); expected.insert(optimizerPrefix + "v." + s.name) }
        }
        let missing = expected.subtracting(file.tensors.keys).sorted()
        if !missing.isEmpty { throw ModelFileError.missingTensors(path: path, names: missing) }
        let extra = Set(file.tensors.keys).subtracting(expected).sorted()
        if !extra.isEmpty { throw ModelFileError.unexpectedTensors(path: path, names: extra) }
        for slot in layout.slots where file.tensors[slot.name]!.tensor.shape != slot.shape {
            throw ModelFileError.shapeMismatch(path: path, tensor: slot.name, expected: slot.shape,
                                               found: file.tensors[slot.name]!.tensor.shape)
        }
        var seed = SeededGenerator(seed: 0)
        let network = try ViTNetwork<Float>(config: config, outputs: outputs.count, using: &seed)
        for slot in layout.slots {
            try copy(file, name: slot.name, into: network.parameters, slot: slot, path: path)
        }
        var optimizer: AdamW?
        if let om = optimizerMeta {
            let opt = AdamW(for: network, beta1: om.beta1, beta2: om.beta2, epsilon: om.epsilon, weightDecay: om.weightDecay)
            opt.step = max(0, om.step)
            for slot in layout.slots {
                for (kind, buffer) in [("m.", opt.m), ("v.", opt.v)] {
                    let name = optimizerPrefix + kind + slot.name
                    guard file.tensors[name]!.dtype == .f32 else {
                        throw ModelFileError.wrongDType(path: path, tensor: name, expected: "F32", found: file.tensors[name]!.dtype.rawValue)
                    }
                    try copy(file, name: name, into: buffer, slot: slot, path: path)
                }
                if opt.v.array(slot).contains(where: { $0 < 0 }) {
                    throw ModelFileError.badMetadata(path: path, key: "optimizer", reason: "second moment of \(slot.name) is negative")
                }
            }
            optimizer = opt
        }
        let model = ViTModel(network: network, outputs: outputs, preprocessing: meta["preprocessing"] ?? "{}",
                             provenance: provenance)
        return LoadedModel(model: model, optimizer: optimizer, source: .autotone, metadata: meta)
    }

    /// Copies tensor `name` of `file` into `slot` of `buffer`, checking its shape.
    static func copy(_ file: SafeTensorsFile, name: String, into buffer: FlatBuffer<Float>, slot: TensorSlot,
                     path: String) throws {
        guard let entry = file.tensors[name] else { throw ModelFileError.missingTensors(path: path, names: [name]) }
        guard entry.tensor.shape == slot.shape else {
            throw ModelFileError.shapeMismatch(path: path, tensor: name, expected: slot.shape, found: entry.tensor.shape)
        }
        buffer.set(slot, entry.tensor.data)
    }
}
