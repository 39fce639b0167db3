import SeededRandom
import ImageIO
import XCTest
@testable import Training

final class SquareSymmetryTests: XCTestCase {
    func testAQuarterTurnIsClockwise() {
        // 3 wide, 2 high:  0 1 2      turned clockwise, 2 wide, 3 high:  3 0
        //                  3 4 5                                           4 1
        //                                                                  5 2
        let image = LinearImage(width: 3, height: 2, pixels: (0..<6).flatMap { [Float($0), 0, 0] })
        let turned = SquareSymmetry(quarterTurns: 1).apply(to: image)
        XCTAssertEqual(turned.width, 2)
        XCTAssertEqual(turned.height, 3)
        XCTAssertEqual(stride(from: 0, to: 18, by: 3).map { turned.pixels[$0] }, [3, 0, 4, 1, 5, 2])
        let mirrored = SquareSymmetry(isMirrored: true).apply(to: image)
        XCTAssertEqual(stride(from: 0, to: 18, by: 3).map { mirrored.pixels[$0] }, [2, 1, 0, 5, 4, 3])
    }

    func testEverySymmetryIsAPermutationOfPixels() {
        let image = TestImages.indexed(width: 5, height: 5)
        for symmetry in SquareSymmetry.all {
            let moved = symmetry.apply(to: image)
            XCTAssertEqual(moved.pixels.count, image.pixels.count)
            XCTAssertEqual(moved.pixels.sorted(), image.pixels, "\(symmetry)")
            // Whole pixels move together: channel values of a pixel stay in one triple.
            for pixel in stride(from: 0, to: moved.pixels.count, by: 3) {
                XCTAssertEqual(moved.pixels[pixel + 1], moved.pixels[pixel] + 1)
                XCTAssertEqual(moved.pixels[pixel + 2], moved.pixels[pixel] + 2)
            }
        }
        XCTAssertEqual(Set(SquareSymmetry.all.map { $0.apply(to: image) }.map(\.pixels)).count, 8,
                       "the eight symmetries must act differently")
    }

    func testCompositionFollowsTheGroupTable() {
        // A non-square image catches any mix-up of width and height.
        for image in [TestImages.indexed(width: 4, height: 4), TestImages.indexed(width: 5, height: 3)] {
            for a in SquareSymmetry.all {
                for b in SquareSymmetry.all {
                    let composed = a.composed(after: b)
                    XCTAssertEqual(composed.apply(to: image), a.apply(to: b.apply(to: image)), "\(a) after \(b)")
                }
            }
        }
    }

    func testGroupLaws() {
        let all = SquareSymmetry.all
        XCTAssertEqual(Set(all).count, 8)
        for a in all {
            XCTAssertEqual(a.composed(after: .identity), a)
            XCTAssertEqual(SquareSymmetry.identity.composed(after: a), a)
            XCTAssertEqual(a.composed(after: a.inverse), .identity)
            XCTAssertEqual(a.inverse.composed(after: a), .identity)
            XCTAssertEqual(Set(all.map { a.composed(after: $0) }).count, 8, "each row of the table is a permutation")
            for b in all {
                for c in all {
                    XCTAssertEqual(a.composed(after: b).composed(after: c), a.composed(after: b.composed(after: c)))
                }
            }
        }
        // Not commutative: a mirror and a quarter turn do not commute.
        let mirror = SquareSymmetry(isMirrored: true), turn = SquareSymmetry(quarterTurns: 1)
        XCTAssertNotEqual(mirror.composed(after: turn), turn.composed(after: mirror))
    }

    func testInverseUndoesTheImageChange() {
        let image = TestImages.indexed(width: 6, height: 4)
        for symmetry in SquareSymmetry.all {
            XCTAssertEqual(symmetry.inverse.apply(to: symmetry.apply(to: image)), image, "\(symmetry)")
        }
    }

    func testAugmentationIsDeterministicKeepsShapeAndLabel() {
        let sample = TestImages.sample(TestImages.indexed(width: 8, height: 8))
        let augmentation = SymmetryAugmentation()
        var a = Xoshiro256StarStar(seed: 9), b = Xoshiro256StarStar(seed: 9)
        let drawn = (0..<40).map { _ in augmentation.draw(for: sample, using: &a) }
        XCTAssertEqual(drawn, (0..<40).map { _ in augmentation.draw(for: sample, using: &b) })
        XCTAssertEqual(Set(drawn).count, 8, "40 draws should meet all eight symmetries")
        for symmetry in drawn {
            let result = augmentation.apply(symmetry, to: sample)
            XCTAssertEqual(result.label, sample.label)
            XCTAssertEqual(result.image, symmetry.apply(to: sample.image))
        }
    }

    func testNonSquareImagesOnlyDrawSizeKeepingSymmetries() {
        let sample = TestImages.sample(TestImages.indexed(width: 6, height: 4))
        var generator = Xoshiro256StarStar(seed: 3)
        for _ in 0..<50 {
            let result = SymmetryAugmentation().augment(sample, using: &generator)
            XCTAssertEqual(result.image.width, 6)
            XCTAssertEqual(result.image.height, 4)
        }
    }
}
