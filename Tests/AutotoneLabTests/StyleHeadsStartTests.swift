import Develop
import Foundation
import ImageIO
import Tensor
import Testing
import Training
import ViT
@testable import AutotoneLab

/// `pretrain --init`: a run on several styles starts from single-style weights, keeping what they
/// learnt (body and main block), and its export gives those weights back unchanged.
struct StyleHeadsStartTests {
    let config = ViTConfig.micro

    func singleStyleModel() throws -> StyleModel {
        var recipe = PreprocessRecipe.vitDefault
        recipe.inputSize = config.imageSize
        return try StyleModel.initial(config: config, recipe: recipe, name: "trained", seed: 3)
    }

    @Test func a_multi_style_model_started_from_trained_weights_predicts_what_they_do_in_the_main_block() throws {
        let single = try singleStyleModel()
        let heads = StyleHeads(main: try BuiltInStyles.style(named: "neutral"), others: [try BuiltInStyles.style(named: "moody")])
        let wide = try StyleHeads.model(startingFrom: single, descriptors: heads.descriptors, name: "wide", seed: 1)
        #expect(wide.descriptors.count == 16)

        let input = Tensor(shape: [2, 3, config.imageSize, config.imageSize],
                           data: (0..<2 * 3 * config.imageSize * config.imageSize).map { Float(sin(Double($0) * 0.7)) })
        let expected = try single.network.predict(batch: input)
        let predicted = try wide.network.predict(batch: input)
        for (photo, values) in predicted.enumerated() {
            #expect(Array(values.prefix(8)) == expected[photo])
        }

        let back = try StyleHeads.mainStyleModel(wide, config: config, name: "back")
        let count = single.network.network.parameters.count
        #expect(Array(UnsafeBufferPointer(start: back.network.network.parameters.pointer, count: count))
            == Array(UnsafeBufferPointer(start: single.network.network.parameters.pointer, count: count)))
    }
}
