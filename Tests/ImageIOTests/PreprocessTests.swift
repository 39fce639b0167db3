import Foundation
import SeededRandom
import XCTest
@testable import ImageIO

final class PreprocessTests: XCTestCase {
    /// A one-pixel checkerboard far finer than the output grid must average to flat grey, not
    /// alias into stripes or moiré.
    func testResizeIsAntialiased() {
        let width = 1_001, height = 667  // deliberately not multiples of 224
        var pixels = [Float](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width where (x + y) % 2 == 0 {
                for c in 0..<3 { pixels[(y * width + x) * 3 + c] = 1 }
            }
        }
        let small = AreaResize.resize(LinearImage(width: width, height: height, pixels: pixels), width: 224, height: 224)
        let minimum = small.pixels.min()!, maximum = small.pixels.max()!
        XCTAssertEqual(minimum, 0.5, accuracy: 0.03)
        XCTAssertEqual(maximum, 0.5, accuracy: 0.03)
    }

    func testResizeKeepsTheMeanAndWeightsSumToOne() {
        var generator = SplitMix64(seed: 3)
        let width = 513, height = 301
        let pixels = (0..<(width * height * 3)).map { _ in Float(generator.next() % 1000) / 1000 }
        let image = LinearImage(width: width, height: height, pixels: pixels)
        let small = AreaResize.resize(image, width: 224, height: 224)
        let mean = { (values: [Float]) in values.reduce(0, +) / Float(values.count) }
        XCTAssertEqual(mean(small.pixels), mean(pixels), accuracy: 1e-3)
        for taps in AreaResize.weights(from: 513, to: 224) {
            XCTAssertEqual(taps.map(\.weight).reduce(0, +), 1, accuracy: 1e-5)
        }
    }

    func testSquashesTheWholeFrame() {
        // Left half black, right half white: the squashed output keeps both halves.
        let width = 400, height = 100
        var pixels = [Float](repeating: 0, count: width * height * 3)
        for y in 0..<height { for x in (width / 2)..<width { for c in 0..<3 { pixels[(y * width + x) * 3 + c] = 1 } } }
        let small = AreaResize.resize(LinearImage(width: width, height: height, pixels: pixels), width: 224, height: 224)
        XCTAssertEqual(small.pixels[(100 * 224 + 10) * 3], 0)
        XCTAssertEqual(small.pixels[(100 * 224 + 213) * 3], 1)
    }

    /// The tone curve is fixed: an image two stops darker stays darker after encoding.
    func testToneEncodingIsTheSameForEveryImage() {
        let preprocessor = Preprocessor(recipe: .vitDefault)
        let bright = preprocessor.tensor(from: LinearImage(width: 300, height: 200, red: 0.18, green: 0.18, blue: 0.18))
        let dark = preprocessor.tensor(from: LinearImage(width: 300, height: 200, red: 0.045, green: 0.045, blue: 0.045))
        // sRGB(0.18) ≈ 0.4614, sRGB(0.045) ≈ 0.2345; normalised with mean 0.5, std 0.5.
        XCTAssertEqual(bright.values[0], (0.4614 - 0.5) / 0.5, accuracy: 1e-3)
        XCTAssertEqual(dark.values[0], (0.2345 - 0.5) / 0.5, accuracy: 1e-3)
    }

    func testNormalisationConstantsComeFromTheRecipe() {
        let recipe = PreprocessRecipe(mean: [0.1, 0.2, 0.3], std: [0.5, 0.25, 2])
        let tensor = Preprocessor(recipe: recipe).tensor(from: LinearImage(width: 10, height: 10, red: 1, green: 1, blue: 1))
        XCTAssertEqual(tensor.channels, 3)
        XCTAssertEqual(tensor.height, 224)
        XCTAssertEqual(tensor.width, 224)
        let plane = 224 * 224
        XCTAssertEqual(tensor.values[0], (1 - 0.1) / 0.5, accuracy: 1e-5)
        XCTAssertEqual(tensor.values[plane], (1 - 0.2) / 0.25, accuracy: 1e-5)
        XCTAssertEqual(tensor.values[2 * plane + 5], (1 - 0.3) / 2, accuracy: 1e-5)
    }

    func testLayoutIsChannelMajor() {
        let tensor = Preprocessor(recipe: .vitDefault).encode(LinearImage(width: 224, height: 224, red: 1, green: 0, blue: 0))
        let plane = 224 * 224
        XCTAssertTrue(tensor.values[0..<plane].allSatisfy { abs($0 - 1) < 1e-5 })
        XCTAssertTrue(tensor.values[plane...].allSatisfy { $0 == -1 })
    }

    func testRecipeRoundTripsThroughJSON() throws {
        let recipe = PreprocessRecipe.vitDefault
        let decoded = try JSONDecoder().decode(PreprocessRecipe.self, from: JSONEncoder().encode(recipe))
        XCTAssertEqual(decoded, recipe)
    }
}
