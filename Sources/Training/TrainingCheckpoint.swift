import Foundation
import ViT

/// A run's checkpoint, as both training loops (`Trainer`, and `autotone-lab pretrain`) keep it:
/// the weights, AdamW's moments and the loop's own state (JSON in the provenance under `key`),
/// so a run spread over several sittings ends as one that never stopped.
public enum TrainingCheckpoint {
    /// Writes `model` with `state` (and `optimizer`, to resume from; nil for weights only) to
    /// `url`, creating its folder. The state is not left in the model's provenance.
    public static func save<State: Encodable>(_ model: StyleModel, optimizer: AdamW?, state: State, key: String,
                                              to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        model.network.provenance[key] = String(decoding: try encoder.encode(state), as: UTF8.self)
        defer { model.network.provenance[key] = nil }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try model.save(to: url, optimizer: optimizer)
    }

    /// The model, optimizer and state saved in `url`; `TrainingError.badCheckpoint` naming the
    /// file when it holds no optimizer (final weights) or no state under `key`.
    public static func load<State: Decodable>(_ url: URL, key: String, as: State.Type = State.self) throws
        -> (model: StyleModel, optimizer: AdamW, state: State) {
        let loaded = try ModelFile.load(url: url)
        guard let optimizer = loaded.optimizer else {
            throw TrainingError.badCheckpoint(path: url.path, reason: "it holds no optimizer state (final weights, not a checkpoint)")
        }
        guard let json = loaded.model.provenance[key],
              let state = try? JSONDecoder().decode(State.self, from: Data(json.utf8)) else {
            throw TrainingError.badCheckpoint(path: url.path, reason: "it holds no training state")
        }
        loaded.model.provenance[key] = nil
        let model = try StyleModel(network: loaded.model, identity: try StyleModel.identity(of: url), source: url.path)
        return (model, optimizer, state)
    }
}
