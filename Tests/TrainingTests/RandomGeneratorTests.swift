import SeededRandom
import XCTest
@testable import Training

final class RandomGeneratorTests: XCTestCase {
    func testSplitMixMatchesItsReferenceOutput() {
        // First outputs of Vigna's splitmix64.c seeded with 0.
        var generator = SplitMix64(seed: 0)
        XCTAssertEqual(generator.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(generator.next(), 0x6E78_9E6A_A1B9_65F4)
    }

    func testSameSeedSameSequenceOtherSeedOtherSequence() {
        var a = Xoshiro256StarStar(seed: 42), b = Xoshiro256StarStar(seed: 42), c = Xoshiro256StarStar(seed: 43)
        let first = (0..<100).map { _ in a.next() }
        XCTAssertEqual(first, (0..<100).map { _ in b.next() })
        XCTAssertNotEqual(first, (0..<100).map { _ in c.next() })
    }

    func testStreamsAreReproducibleAndDistinct() {
        var a = Xoshiro256StarStar(seed: 7, stream: [1, 2]), b = Xoshiro256StarStar(seed: 7, stream: [1, 2])
        var c = Xoshiro256StarStar(seed: 7, stream: [2, 1]), d = Xoshiro256StarStar(seed: 7, stream: [1, 3])
        let first = a.next()
        XCTAssertEqual(first, b.next())
        XCTAssertNotEqual(first, c.next())
        XCTAssertNotEqual(first, d.next())
    }

    func testUniformAndGaussianDrawsHaveTheirMoments() {
        var generator = Xoshiro256StarStar(seed: 1)
        let count = 20_000
        let uniforms = (0..<count).map { _ in generator.nextUnitInterval() }
        XCTAssertTrue(uniforms.allSatisfy { (0..<1).contains($0) })
        XCTAssertEqual(uniforms.reduce(0, +) / Double(count), 0.5, accuracy: 0.01)
        let gaussians = (0..<count).map { _ in generator.nextGaussian(mean: 3, standardDeviation: 2) }
        let mean = gaussians.reduce(0, +) / Double(count)
        let variance = gaussians.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count)
        XCTAssertEqual(mean, 3, accuracy: 0.05)
        XCTAssertEqual(variance.squareRoot(), 2, accuracy: 0.05)
    }

    func testIndexDrawsCoverTheirRangeEvenly() {
        var generator = Xoshiro256StarStar(seed: 2)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<7_000 { counts[generator.nextIndex(below: 7)] += 1 }
        XCTAssertTrue(counts.allSatisfy { (850...1150).contains($0) }, "\(counts)")
    }

    func testSeededShuffleIsAReproduciblePermutation() {
        var a = Xoshiro256StarStar(seed: 5), b = Xoshiro256StarStar(seed: 5)
        var first = Array(0..<50), second = Array(0..<50)
        first.seededShuffle(using: &a)
        second.seededShuffle(using: &b)
        XCTAssertEqual(first, second)
        XCTAssertNotEqual(first, Array(0..<50))
        XCTAssertEqual(first.sorted(), Array(0..<50))
    }
}
