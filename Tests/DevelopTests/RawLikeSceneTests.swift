import SeededRandom
import Develop
import Foundation
import ImageIO
import Testing

@Suite("RAW-like scenes and downsampling")
struct RawLikeSceneTests {
    /// A display-linear "photo": a ramp of tones with colour.
    let photo: LinearImage = {
        var image = TestScenes.ramp(width: 48, height: 24)
        image.pixels = image.pixels.map { min($0 * 0.8, 1) }
        return image
    }()

    @Test("without flattening or exposure error, the base rendering gives the photo back")
    func inverseOfBaseCurve() {
        let scene = RawLikeRecipe(exposureError: 0, flattening: 0).apply(toDisplayLinear: photo)
        let rendered = DevelopRenderer().render(scene, .zero)
        for index in 0..<(photo.width * photo.height) {
            for c in 0..<3 {
                let expected = SRGBTransfer.encodeExtended(photo.pixels[index * 3 + c]), got = rendered.pixels[index * 3 + c]
                #expect(abs(expected - got) < 0.004, "pixel \(index) channel \(c): \(got) vs \(expected)")
            }
        }
    }

    @Test("exposure error scales linear light; flattening narrows the range in stops around grey")
    func recipe() {
        let reference = RawLikeRecipe(exposureError: 0, flattening: 0).apply(toDisplayLinear: photo)
        let darker = RawLikeRecipe(exposureError: -1, flattening: 0).apply(toDisplayLinear: photo)
        for (a, b) in zip(reference.pixels, darker.pixels) where a > 1e-6 { #expect(abs(b / a - 0.5) < 1e-3) }
        let flat = RawLikeRecipe(exposureError: 0, flattening: 0.3).apply(toDisplayLinear: photo)
        func stopsRange(_ image: LinearImage) -> Float {
            let lumas = stride(from: 0, to: image.pixels.count, by: 3).map { (index: Int) -> Float in
                let red: Float = image.pixels[index], green: Float = image.pixels[index + 1]
                let blue: Float = image.pixels[index + 2]
                let luma: Float = 0.2126 * red + 0.7152 * green + 0.0722 * blue
                return log2(luma)
            }
            return (lumas.max() ?? 0) - (lumas.min() ?? 0)
        }
        #expect(abs(stopsRange(flat) / stopsRange(reference) - 0.7) < 0.01)
        var rng = SplitMix64(seed: 3)
        let recipes = (0..<500).map { _ in RawLikeRecipe.random(using: &rng) }
        let meanError = recipes.map(\.exposureError).reduce(0, +) / 500
        #expect(abs(meanError + 0.8) < 0.1)
        #expect(recipes.allSatisfy { (-3...1.5).contains($0.exposureError) && (0.05...0.3).contains($0.flattening) })
    }

    @Test("area downsampling keeps the mean and the aspect ratio")
    func downsample() {
        let image = TestScenes.backlit(width: 150, height: 100)
        let small = image.areaDownsampled(maxSide: 64)
        #expect(small.width == 64 && small.height == 43)
        func mean(_ image: LinearImage) -> Float { image.pixels.reduce(0, +) / Float(image.pixels.count) }
        #expect(abs(mean(small) - mean(image)) < 1e-3 * mean(image))
        #expect(image.areaDownsampled(maxSide: 200) == image)
    }
}
