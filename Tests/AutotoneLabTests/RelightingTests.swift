import Develop
import Foundation
import ImageIO
import SeededRandom
import Testing
import Training
@testable import AutotoneLab

/// Relighting on the fly must only take light away (nothing clips that the photograph did not),
/// must really change the light, and a sample must stay a function of its number.
struct RelightingTests {
    let grey = LinearImage(width: 60, height: 40, pixels: [Float](repeating: 0.5, count: 60 * 40 * 3))

    func pixel(_ image: LinearImage, _ x: Int, _ y: Int) -> (Float, Float, Float) {
        let index = (y * image.width + x) * 3
        return (image.pixels[index], image.pixels[index + 1], image.pixels[index + 2])
    }

    @Test func it_only_darkens_and_falls_off_by_its_stops() {
        var rng = Xoshiro256StarStar(seed: 3)
        for _ in 0..<40 {
            let light = Relighting.random(using: &rng)
            let lit = light.apply(to: grey)
            #expect(lit.pixels.allSatisfy { $0 > 0 && $0 <= 0.5 })
            // The darkest pixel is about `stops` below the brightest (within the light's colour).
            let luma = stride(from: 0, to: lit.pixels.count, by: 3).map { lit.pixels[$0 + 1] }
            let range = log2(Double(luma.max()! / luma.min()!))
            #expect(range > 0.5 && range < light.stops + 0.8, "\(light.light) \(light.stops) stops gave \(range)")
        }
    }

    @Test func a_gradient_is_brightest_on_the_side_its_light_comes_from() {
        let fromLeft = Relighting(light: .gradient(angle: 0), stops: 3, colour: (1, 1, 1))
        let lit = fromLeft.apply(to: grey)
        #expect(pixel(lit, 0, 20).0 > 4 * pixel(lit, 59, 20).0)
        #expect(abs(pixel(lit, 0, 5).0 - pixel(lit, 0, 35).0) < 1e-6)
    }

    @Test func a_pool_is_brightest_at_its_centre_and_takes_the_lights_colour_there() {
        let warm = Relighting(light: .pool(x: 0.25, y: 0.5, radius: 0.15), stops: 3, colour: (1, 0.8, 0.5))
        let lit = warm.apply(to: grey)
        let centre = pixel(lit, 15, 20), corner = pixel(lit, 59, 0)
        #expect(centre.0 > 6 * corner.0)
        #expect(centre.2 < 0.6 * centre.0)
        #expect(abs(corner.0 - corner.2) < 0.01 * corner.0 + 1e-4)
    }

    func samples(relightShare: Double) throws -> PretrainingSamples {
        var recipe = PreprocessRecipe.vitDefault
        recipe.inputSize = 32
        let heads = StyleHeads(main: try BuiltInStyles.style(named: "neutral"), others: [])
        let pixels = (0..<96 * 64 * 3).map { (index: Int) -> Float in Float(0.05 + 0.4 * (1 + sin(Double(index) * 0.013))) }
        let scene = LinearImage(width: 96, height: 64, pixels: pixels)
        var samples = PretrainingSamples(scenes: [scene], heads: heads, space: LabelSpace(descriptors: heads.descriptors),
                                         preprocessor: Preprocessor(recipe: recipe), seed: 1)
        samples.relightShare = relightShare
        return samples
    }

    @Test func relit_samples_differ_from_plain_ones_and_repeat_for_their_number() throws {
        let plain = try samples(relightShare: 0), relit = try samples(relightShare: 1)
        var differing = 0
        for number in 0..<4 {
            let a = plain.sample(number), b = relit.sample(number)
            if a.image.pixels != b.image.pixels { differing += 1 }
            // The same seed gives the same sample.
            #expect(relit.sample(number).image.pixels == b.image.pixels)
        }
        #expect(differing == 4)
    }
}
