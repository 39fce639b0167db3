import Foundation
import ImageIO
import Training

/// A scratch folder holding an untrained micro model file: its values mean nothing, but every
/// step of a command runs, quickly.
struct MicroModelFile {
    let folder: URL
    let weights: URL

    /// Makes `TMP/PREFIX-UUID/model.safetensors` (32×32 input, seed 5).
    init(prefix: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var recipe = PreprocessRecipe.vitDefault
        recipe.inputSize = 32
        weights = folder.appendingPathComponent("model.safetensors")
        try StyleModel.initial(config: .micro, recipe: recipe, name: "micro", seed: 5).save(to: weights)
    }
}
