import ArgumentParser
import Foundation
import ImageIO
import Training
import ViT

/// `autotone-lab init-model`: an untrained model file, for benchmarks and for trying the
/// plumbing before trained weights exist. Its predictions mean nothing.
struct InitModel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init-model", abstract: "Write a freshly initialised (untrained) model file.")

    @Option(help: "tiny, small, base or micro.") var config = "tiny"
    @Option(help: "Seed for the initial weights.") var seed: UInt64 = 1
    @Option(help: "Where to write the safetensors file.") var out: String
    @Flag(help: "Store the weights as F16.") var f16 = false

    func run() throws {
        guard let vit = ViTConfig.preset(named: config) else {
            throw ValidationError("unknown config \(config); use tiny, small, base or micro")
        }
        var recipe = PreprocessRecipe.vitDefault
        recipe.inputSize = vit.imageSize
        let model = try StyleModel.initial(config: vit, recipe: recipe, name: "untrained-\(config)", seed: seed)
        try model.save(to: URL(fileURLWithPath: out), dtype: f16 ? .f16 : .f32)
        print("\(out): untrained \(config) model, identity \(model.identity)")
    }
}
