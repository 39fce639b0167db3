import Foundation
import ImageIO
import Training

/// An untrained micro model for command tests: its values mean nothing, but every step of a
/// job runs, quickly.
enum MicroModel {
    /// A fresh scratch folder holding `model.safetensors`; returns both.
    static func makeFolder(prefix: String) throws -> (folder: URL, weights: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var recipe = PreprocessRecipe.vitDefault
        recipe.inputSize = 32
        let weights = folder.appendingPathComponent("model.safetensors")
        try StyleModel.initial(config: .micro, recipe: recipe, name: "micro", seed: 5).save(to: weights)
        return (folder, weights)
    }
}
