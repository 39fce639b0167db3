import Foundation
import XCTest
@testable import Training
import ImageIO
import SeededRandom

/// `suggest`'s choice: coverage of the feature space, one frame per burst, edits taken into
/// account, and the kernel-form update equal to the textbook formula.
final class EditSuggestionTests: XCTestCase {
    /// `clusters` groups of `size` photos around distinct centres in 8 dimensions.
    private func clustered(_ clusters: Int, size: Int, seed: UInt64 = 3) -> [[Float]] {
        var generator = Xoshiro256StarStar(seed: seed)
        let centres = (0..<clusters).map { _ in (0..<8).map { _ in Float(generator.nextGaussian() * 5) } }
        return centres.flatMap { centre in
            (0..<size).map { _ in centre.map { $0 + Float(generator.nextGaussian() * 0.3) } }
        }
    }

    private func spaced(_ count: Int, seconds: Double = 60) -> [Date?] {
        (0..<count).map { Date(timeIntervalSince1970: 1_700_000_000 + Double($0) * seconds) }
    }

    func testEachClusterIsChosenBeforeAnyIsChosenTwice() {
        let features = clustered(4, size: 10)
        let picks = EditSuggestion().choose(embeddings: features, captureTimes: spaced(40), edited: [], count: 4)
        XCTAssertEqual(Set(picks.map { $0.index / 10 }).count, 4, "\(picks.map(\.index))")
        XCTAssertEqual(picks.map(\.standsFor).reduce(0, +), 40, "every photo stands with one pick")
        XCTAssertTrue(picks.allSatisfy { $0.standsFor == 10 }, "\(picks.map(\.standsFor))")
        XCTAssertTrue(zip(picks, picks.dropFirst()).allSatisfy { $0.gain >= $1.gain - 1e-9 }, "greedy gains never grow")
    }

    func testOneFramePerBurst() {
        // Cluster 0 is one burst of ten frames a second apart; the others are spread out.
        let features = clustered(3, size: 10)
        var times = spaced(30)
        for index in 0..<10 { times[index] = Date(timeIntervalSince1970: 1_000 + Double(index)) }
        let picks = EditSuggestion().choose(embeddings: features, captureTimes: times, edited: [], count: 30)
        XCTAssertEqual(picks.filter { $0.index < 10 }.count, 1, "\(picks.map(\.index))")
        XCTAssertEqual(picks.first { $0.index < 10 }?.burst, Array(0..<10))
        XCTAssertEqual(picks.count, 21, "one for the burst and each of the twenty others")
    }

    func testEditedPhotosCountAsChosen() {
        let features = clustered(3, size: 10)
        let edited: Set<Int> = [0, 1, 2, 10, 11]
        let picks = EditSuggestion().choose(embeddings: features, captureTimes: spaced(30), edited: edited, count: 1)
        XCTAssertEqual(picks.first.map { $0.index / 10 }, 2, "the only look nobody has edited: \(picks.map(\.index))")
        XCTAssertFalse(picks.contains { edited.contains($0.index) })
    }

    func testKernelUpdateEqualsTheDirectVarianceReduction() {
        var generator = Xoshiro256StarStar(seed: 9)
        let n = 12, d = 5
        let features = (0..<n).map { _ in (0..<d).map { _ in Float(generator.nextGaussian()) } }
        let lambda = 0.7
        // Direct: A = λI + Σ_S x xᵀ, total variance Σ_z zᵀA⁻¹z, before and after adding photo 4 to S = {1, 7}.
        let mean = (0..<d).map { j in features.reduce(0.0) { $0 + Double($1[j]) } / Double(n) }
        let x = features.map { row in (0..<d).map { Double(row[$0]) - mean[$0] } }
        func totalVariance(_ chosen: [Int]) -> Double {
            var a = (0..<d).map { i in (0..<d).map { j in i == j ? lambda : 0.0 } }
            for c in chosen { for i in 0..<d { for j in 0..<d { a[i][j] += x[c][i] * x[c][j] } } }
            return x.reduce(0.0) { sum, z in sum + zip(z, SymmetricSolve.solve(a, z)).reduce(0.0) { $0 + $1.0 * $1.1 } }
        }
        var residual = EditSuggestion.centredGram(features)
        for c in [1, 7] { EditSuggestion.condition(&residual, n: n, on: c, lambda: lambda) }
        let reduction = (0..<n).reduce(0.0) { $0 + residual[$1 * n + 4] * residual[$1 * n + 4] } / (lambda + residual[4 * n + 4])
        XCTAssertEqual(reduction / lambda, totalVariance([1, 7]) - totalVariance([1, 7, 4]), accuracy: 1e-9)
    }

    func testTraitsNameWhatIsUnlikeTheChosenPhotos() {
        func flat(_ value: Float) -> LinearImage { LinearImage(width: 8, height: 8, pixels: [Float](repeating: value, count: 192)) }
        let traits = SceneTraits(images: [flat(0.2), flat(0.2), flat(0.01)])
        XCTAssertEqual(traits.difference(of: 2, from: [0]), "darker than most of the shoot, unlike anything chosen so far")
        XCTAssertNil(traits.difference(of: 1, from: [0]), "the same light is no reason")
        XCTAssertEqual(traits.mostMarked(2), "darker than most of the shoot")
    }
}
