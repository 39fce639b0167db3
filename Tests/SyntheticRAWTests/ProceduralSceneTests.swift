import Foundation
import ImageIO
import SeededRandom
import SyntheticRAW
import XCTest

/// Procedural pretraining scenes: a function of the seed, finite and positive, and with the
/// light each kind promises (a sun far above the ground, lamps far above the night, fog flat).
final class ProceduralSceneTests: XCTestCase {
    private func scene(_ kind: ProceduralScene.Kind, seed: UInt64 = 3) -> LinearImage {
        var rng = Xoshiro256StarStar(seed: seed)
        return ProceduralScene.make(kind, width: 96, height: 64, using: &rng)
    }

    /// Rec. 709 luminance of every pixel, sorted.
    private func luminances(_ image: LinearImage) -> [Float] {
        stride(from: 0, to: image.pixels.count, by: 3).map {
            0.2126 * image.pixels[$0] + 0.7152 * image.pixels[$0 + 1] + 0.0722 * image.pixels[$0 + 2]
        }.sorted()
    }

    /// Stops between the brightest pixel and the `fraction` percentile.
    private func stopsAbove(_ fraction: Double, _ image: LinearImage) -> Double {
        let values = luminances(image)
        return log2(Double(values.last!) / Double(max(values[Int(fraction * Double(values.count - 1))], 1e-9)))
    }

    func testTheSameSeedMakesTheSameSceneAndOthersDiffer() {
        for kind in ProceduralScene.Kind.allCases {
            XCTAssertEqual(scene(kind), scene(kind), "\(kind)")
            XCTAssertNotEqual(scene(kind, seed: 3), scene(kind, seed: 4), "\(kind)")
            let image = scene(kind)
            XCTAssertEqual(image.pixels.count, 96 * 64 * 3)
            XCTAssertTrue(image.pixels.allSatisfy { $0.isFinite && $0 > 0 }, "\(kind): every value finite and positive")
        }
    }

    func testEachKindHasTheLightItPromises() {
        for seed: UInt64 in 1...4 {
            XCTAssertGreaterThan(stopsAbove(0.5, scene(.sunAndSky, seed: seed)), 9, "the sun, far above the scene")
            XCTAssertGreaterThan(stopsAbove(0.5, scene(.nightLamps, seed: seed)), 6, "lamps, far above the night")
            XCTAssertLessThan(Double(luminances(scene(.nightLamps, seed: seed))[96 * 64 / 2]), 0.18 / 16,
                              "a night ground well under middle grey")
            let fog = luminances(scene(.fog, seed: seed)), leaves = luminances(scene(.shadedLeaves, seed: seed))
            func spread(_ v: [Float]) -> Double { log2(Double(v[v.count * 9 / 10]) / Double(v[v.count / 10])) }
            XCTAssertLessThan(spread(fog), spread(leaves), "fog flattens the tones")
            let high = luminances(scene(.highKey, seed: seed)), low = luminances(scene(.lowKey, seed: seed))
            XCTAssertGreaterThan(high[high.count / 2], 8 * low[low.count / 2], "high key far above low key")
        }
    }
}
