import Develop
import Foundation
import ImageIO
import Testing
import Training
@testable import AutotoneLab

/// `autotone-lab curve` re-scores weights on `pretrain`'s validation samples without a run
/// folder; that holds only if it makes the same samples from a head of the main style alone.
struct CurveSamplesTests {
    func scenes() -> [LinearImage] {
        (0..<2).map { scene -> LinearImage in
            let pixels = (0..<96 * 64 * 3).map { (index: Int) -> Float in
                let phase = Double(index + 97 * scene) * 0.013
                return Float(0.05 + 0.4 * (1 + sin(phase)))
            }
            return LinearImage(width: 96, height: 64, pixels: pixels)
        }
    }

    func samples(_ heads: StyleHeads) -> PretrainingSamples {
        var recipe = PreprocessRecipe.vitDefault
        recipe.inputSize = 32
        return PretrainingSamples(scenes: scenes(), heads: heads, space: LabelSpace(descriptors: heads.descriptors),
                                  preprocessor: Preprocessor(recipe: recipe), seed: 1)
    }

    @Test func the_main_style_alone_makes_the_runs_validation_samples_bit_for_bit() throws {
        let neutral = try BuiltInStyles.style(named: "neutral")
        let numbers = (0..<3).map { Pretrain.validationStart + $0 }
        let run = samples(StyleHeads(main: neutral, others: [try BuiltInStyles.style(named: "moody")]))
            .pairs(numbers, threads: 2, mainStyleOnly: true)
        let curve = samples(StyleHeads(main: neutral, others: [])).pairs(numbers, threads: 1)
        #expect(run.count == 6 && curve.count == 6)
        for (a, b) in zip(run, curve) {
            #expect(a.image.pixels == b.image.pixels)
            #expect(Array(a.label.values.prefix(8)) == b.label.values)
            #expect(Array(a.label.isPresent.prefix(8)) == b.label.isPresent)
            #expect(!a.label.isPresent.dropFirst(8).contains(true))
        }
        // Each pair is a sample and its mirror image, with one label.
        #expect(curve[0].label == curve[1].label && curve[0].image.pixels != curve[1].image.pixels)
    }
}
