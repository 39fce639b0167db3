import Foundation
import ImageIO
import Tensor
import ViT
import XMP

/// A model as AutoTone uses it: the ViT plus what gives its numbers meaning — the preprocessing
/// recipe its inputs need, the settings its outputs are (with their scales), whether it learnt
/// from HDR edits, and an identity that sidecars record.
///
/// All of it is stored in the weights file's metadata: the recipe as the ViT's `preprocessing`
/// JSON, the settings as its outputs (name and scale) plus the full descriptors under the
/// provenance key `settings`, so adding a setting later needs no code change here.
/// Not thread-safe: one caller at a time (the ViT reuses its activation buffers).
public final class StyleModel {
    public let network: ViTModel
    public let recipe: PreprocessRecipe
    public let descriptors: [SettingDescriptor]
    /// `NAME@HASH`: the file's name and a hash of its bytes, so a changed model is a new model.
    public private(set) var identity: String

    /// Provenance keys AutoTone itself writes.
    public enum ProvenanceKey {
        public static let settings = "settings"
        public static let hdr = "hdr"
        public static let name = "name"
    }

    init(network: ViTModel, identity: String, source: String) throws {
        self.network = network
        self.identity = identity
        recipe = try Self.recipe(from: network, source: source)
        descriptors = try Self.descriptors(from: network, source: source)
        guard recipe.inputSize == network.config.imageSize else {
            throw StyleModelError.badRecipe(
                path: source, detail: "inputs of \(recipe.inputSize)² but a network for \(network.config.imageSize)²")
        }
    }

    /// True when the model was fine-tuned on HDR edits: its predictions are meant for HDR mode.
    public var learntFromHDREdits: Bool {
        get { network.provenance[ProvenanceKey.hdr] == "true" }
        set { network.provenance[ProvenanceKey.hdr] = newValue ? "true" : nil }
    }

    /// A freshly initialised model.
    public static func initial(
        config: ViTConfig, descriptors: [SettingDescriptor] = SettingDescriptor.standard,
        recipe: PreprocessRecipe = .vitDefault, name: String = "autotone", seed: UInt64
    ) throws -> StyleModel {
        var generator = SeededGenerator(seed: seed)
        let network = try ViTModel(
            config: config, outputs: descriptors.map { OutputSpec(name: $0.name, scale: Float($0.scale)) },
            preprocessing: try Self.json(recipe),
            provenance: [ProvenanceKey.settings: try Self.json(descriptors), ProvenanceKey.name: name],
            using: &generator)
        return try StyleModel(network: network, identity: "\(name)@unsaved", source: "new model")
    }

    /// Loads an AutoTone weights file, or a Hugging Face `google/vit-*-patch16-224` checkpoint
    /// (its classifier replaced by a fresh head for `descriptors`, preprocessing `recipe`;
    /// `heads` only for checkpoints whose width is not 64 per head).
    public static func load(
        _ url: URL, descriptors: [SettingDescriptor] = SettingDescriptor.standard,
        recipe: PreprocessRecipe = .vitDefault, heads: Int? = nil, seed: UInt64 = 0
    ) throws -> StyleModel {
        let foreign = ForeignWeightsOptions(
            outputs: descriptors.map { OutputSpec(name: $0.name, scale: Float($0.scale)) },
            heads: heads, preprocessing: try Self.json(recipe), seed: seed)
        let loaded = try ModelFile.load(url: url, foreign: foreign)
        if loaded.source == .huggingFace {
            loaded.model.provenance[ProvenanceKey.settings] = try Self.json(descriptors)
            loaded.model.provenance["base"] = url.lastPathComponent
        }
        return try StyleModel(network: loaded.model, identity: try Self.identity(of: url), source: url.path)
    }

    /// Writes the model (and the optimizer's state, to resume training) atomically.
    public func save(to url: URL, dtype: SafeTensorsDType = .f32, optimizer: AdamW? = nil) throws {
        network.provenance[ProvenanceKey.name] = url.deletingPathExtension().lastPathComponent
        try ModelFile.save(network, optimizer: optimizer, to: url, dtype: dtype)
        identity = try Self.identity(of: url)
    }

    /// Stacks preprocessed photos into the network's N×3×H×W input.
    public func batch(_ tensors: [ImageTensor]) -> Tensor {
        let size = recipe.inputSize
        var data: [Float] = []
        data.reserveCapacity(tensors.count * 3 * size * size)
        for tensor in tensors { data += tensor.values }
        return Tensor(shape: [tensors.count, 3, size, size], data: data)
    }

    /// Outputs in (-1, 1), one array of `descriptors.count` values per photo.
    public func predict(_ tensors: [ImageTensor]) throws -> [[Float]] {
        try network.predict(batch: batch(tensors))
    }

    /// Outputs and class-token embeddings from one forward pass.
    public func predictAndEmbed(_ tensors: [ImageTensor]) throws -> (predictions: [[Float]], embeddings: [[Float]]) {
        try network.predictAndEmbed(batch: batch(tensors))
    }

    /// The class-token embedding per photo (for nearest-neighbour baselines and confidence).
    public func embeddings(_ tensors: [ImageTensor]) throws -> [[Float]] {
        try network.embedding(batch: batch(tensors))
    }

    // MARK: Metadata

    static func recipe(from network: ViTModel, source: String) throws -> PreprocessRecipe {
        let text = network.preprocessing
        if text.trimmingCharacters(in: .whitespaces) == "{}" { return .vitDefault }
        do {
            return try JSONDecoder().decode(PreprocessRecipe.self, from: Data(text.utf8))
        } catch {
            throw StyleModelError.badRecipe(path: source, detail: "\(error)")
        }
    }

    static func descriptors(from network: ViTModel, source: String) throws -> [SettingDescriptor] {
        let outputs = network.outputs
        let stored: [SettingDescriptor]?
        if let json = network.provenance[ProvenanceKey.settings] {
            stored = try? JSONDecoder().decode([SettingDescriptor].self, from: Data(json.utf8))
        } else {
            stored = nil
        }
        return try outputs.map { output in
            let known = stored?.first { $0.name == output.name }
                ?? SettingDescriptor.standard.first { $0.name == output.name }
            guard let descriptor = known else { throw StyleModelError.unknownSetting(path: source, name: output.name) }
            guard abs(descriptor.scale - Double(output.scale)) < 1e-6 else {
                throw StyleModelError.scaleMismatch(path: source, name: output.name, model: Double(output.scale), setting: descriptor.scale)
            }
            return descriptor
        }
    }

    static func identity(of url: URL) throws -> String {
        var hasher = FNV1a()
        try Data(contentsOf: url).withUnsafeBytes { hasher.combine($0) }
        return url.deletingPathExtension().lastPathComponent + "@" + String(format: "%016llx", hasher.value)
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// Why a weights file cannot serve as an AutoTone model, beyond what `ModelFileError` says.
public enum StyleModelError: Error, Equatable, CustomStringConvertible {
    case badRecipe(path: String, detail: String)
    case unknownSetting(path: String, name: String)
    case scaleMismatch(path: String, name: String, model: Double, setting: Double)

    public var description: String {
        switch self {
        case .badRecipe(let path, let detail): return "\(path): the preprocessing recipe cannot be read: \(detail)"
        case .unknownSetting(let path, let name):
            return "\(path): the model predicts \(name), which AutoTone does not know how to write"
        case .scaleMismatch(let path, let name, let model, let setting):
            return "\(path): the model scales \(name) by \(model), but the setting's scale is \(setting)"
        }
    }
}
