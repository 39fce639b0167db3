import SeededRandom
import ImageIO
import XCTest
@testable import Training

final class AugmentationPolicyTests: XCTestCase {
    let policy = AugmentationPolicy.standard(space: .lightroomBasic)

    func testSameSeedSameCopiesOtherSeedOtherCopies() {
        let sample = TestImages.sample(TestImages.random(width: 224, height: 224, seed: 1))
        var a = Xoshiro256StarStar(seed: 5), b = Xoshiro256StarStar(seed: 5), c = Xoshiro256StarStar(seed: 6)
        let copies = policy.copies(of: sample, using: &a)
        XCTAssertEqual(copies.count, 9)
        XCTAssertEqual(policy.samplesPerPhoto, 9)
        XCTAssertEqual(copies[0], sample, "the original comes first")
        XCTAssertEqual(copies, policy.copies(of: sample, using: &b))
        XCTAssertNotEqual(copies, policy.copies(of: sample, using: &c))
        for copy in copies {
            XCTAssertEqual(copy.image.width, 224)
            XCTAssertEqual(copy.image.height, 224)
            XCTAssertEqual(Array(copy.label.values[1...]), Array(sample.label.values[1...]), "only exposure may move")
        }
        XCTAssertGreaterThan(Set(copies.map(\.image.pixels)).count, 5, "copies differ")
    }

    func testPerPhotoStreamsDoNotDependOnOrder() {
        let photos = (0..<3).map { TestImages.sample(TestImages.random(width: 32, height: 32, seed: UInt64($0))) }
        let forward = photos.indices.map { policy.copies(of: photos[$0], seed: 77, epoch: 2, photo: $0) }
        let backward = photos.indices.reversed().map { policy.copies(of: photos[$0], seed: 77, epoch: 2, photo: $0) }
        XCTAssertEqual(forward, Array(backward.reversed()))
        XCTAssertNotEqual(forward[0], policy.copies(of: photos[0], seed: 77, epoch: 3, photo: 0), "each epoch draws anew")
    }

    func testAnEpochIsTheSameOnOneThreadOrTwo() {
        let photos = (0..<5).map { TestImages.sample(TestImages.random(width: 24, height: 24, seed: UInt64($0))) }
        let serial = policy.epoch(of: photos, seed: 3, epoch: 1, threads: 1)
        XCTAssertEqual(serial.count, 5 * 9)
        XCTAssertEqual(serial, policy.epoch(of: photos, seed: 3, epoch: 1, threads: 2))
        XCTAssertEqual(Array(serial[18..<27]), policy.copies(of: photos[2], seed: 3, epoch: 1, photo: 2), "photo by photo")
        XCTAssertEqual(policy.epoch(of: [], seed: 3, epoch: 1), [])
    }

    func testProbabilitiesDecideWhatIsApplied() {
        let sample = TestImages.sample(TestImages.random(width: 16, height: 16, seed: 3))
        var generator = Xoshiro256StarStar(seed: 1)
        let never = AugmentationPolicy(steps: [.init(GaussianBlurAugmentation(), probability: 0)], copiesPerPhoto: 4,
                                       includesOriginal: false)
        XCTAssertEqual(never.copies(of: sample, using: &generator), Array(repeating: sample, count: 4))
        let always = AugmentationPolicy(steps: [.init(ExposureShiftAugmentation(space: .lightroomBasic), probability: 1)],
                                        copiesPerPhoto: 20, includesOriginal: false)
        let shifted = always.copies(of: sample, using: &generator)
        XCTAssertEqual(shifted.count, 20)
        XCTAssertTrue(shifted.allSatisfy { $0.label.values[0] != sample.label.values[0] })
    }
}
