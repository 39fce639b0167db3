import SeededRandom
import ImageIO
import XCTest
@testable import Training

final class GeometricAugmentationTests: XCTestCase {
    let size = 64

    /// Asserts that `output`, made from the coordinates image, read pixel (x, y) at `expected(x, y)`.
    private func assertSampled(_ output: LinearImage, tolerance: Float = 2e-3,
                               expected: (Int, Int) -> (Float, Float), file: StaticString = #filePath, line: UInt = #line) {
        var worst: Float = 0
        for y in 0..<output.height {
            for x in 0..<output.width {
                let (ex, ey) = expected(x, y)
                let clampedX = min(max(ex, 0), Float(output.width - 1)), clampedY = min(max(ey, 0), Float(output.height - 1))
                worst = max(worst, abs(TestImages.value(output, x: x, y: y, channel: 0) - clampedX),
                            abs(TestImages.value(output, x: x, y: y, channel: 1) - clampedY))
            }
        }
        XCTAssertLessThan(worst, tolerance, "largest position error", file: file, line: line)
    }

    private func assertDeterministic<A: Augmentation>(_ augmentation: A, sample: TrainingSample,
                                                      file: StaticString = #filePath, line: UInt = #line) {
        var a = Xoshiro256StarStar(seed: 11), b = Xoshiro256StarStar(seed: 11), c = Xoshiro256StarStar(seed: 12)
        let first = augmentation.draw(for: sample, using: &a)
        XCTAssertEqual(first, augmentation.draw(for: sample, using: &b), file: file, line: line)
        XCTAssertNotEqual(first, augmentation.draw(for: sample, using: &c), "another seed, another draw", file: file, line: line)
        let applied = augmentation.apply(first, to: sample)
        XCTAssertEqual(applied, augmentation.apply(first, to: sample), file: file, line: line)
        XCTAssertEqual(applied.image.width, sample.image.width, file: file, line: line)
        XCTAssertEqual(applied.image.height, sample.image.height, file: file, line: line)
        XCTAssertEqual(applied.label, sample.label, "geometry leaves the label alone", file: file, line: line)
    }

    // MARK: Perspective

    func testPerspectiveReadsTheOutputFromTheDrawnQuadrilateral() throws {
        let sample = TestImages.sample(TestImages.coordinates(width: size, height: size))
        let augmentation = PerspectiveAugmentation(distortion: 0.3)
        assertDeterministic(augmentation, sample: sample)
        var generator = Xoshiro256StarStar(seed: 4)
        for _ in 0..<5 {
            let parameters = augmentation.draw(for: sample, using: &generator)
            let edge = Double(size - 1), reach = 0.3 * edge / 2
            for (corner, drawn) in zip(PerspectiveAugmentation.corners(width: size, height: size), parameters.sourceCorners) {
                XCTAssertLessThanOrEqual(abs(drawn.x - corner.x), reach + 1e-9)
                XCTAssertLessThanOrEqual(abs(drawn.y - corner.y), reach + 1e-9)
                XCTAssertTrue((0...edge).contains(drawn.x) && (0...edge).contains(drawn.y), "corners stay inside")
            }
            let output = augmentation.apply(parameters, to: sample).image
            // Output corners come from the drawn corners; every pixel from the homography.
            let transform = try XCTUnwrap(Homography(mapping: PerspectiveAugmentation.corners(width: size, height: size),
                                                     to: parameters.sourceCorners))
            XCTAssertEqual(TestImages.value(output, x: size - 1, y: 0, channel: 0), Float(parameters.sourceCorners[1].x), accuracy: 1e-3)
            XCTAssertEqual(TestImages.value(output, x: 0, y: size - 1, channel: 1), Float(parameters.sourceCorners[3].y), accuracy: 1e-3)
            assertSampled(output) { x, y in
                let point = transform.map(ImagePoint(x: Double(x), y: Double(y)))
                return (Float(point.x), Float(point.y))
            }
        }
    }

    func testAShearIsAPerspectiveWithParallelCorners() {
        // Source corners of a parallelogram: the top edge starts 10 px to the right.
        let edge = Double(size - 1)
        let parameters = PerspectiveAugmentation.Parameters(sourceCorners: [
            ImagePoint(x: 10, y: 0), ImagePoint(x: edge, y: 0), ImagePoint(x: edge - 10, y: edge), ImagePoint(x: 0, y: edge),
        ])
        let output = PerspectiveAugmentation().apply(parameters, to: TestImages.sample(TestImages.coordinates(width: size, height: size))).image
        assertSampled(output) { x, y in
            let t = Float(y) / Float(edge)
            return (10 * (1 - t) + Float(x) * Float(edge - 10) / Float(edge), Float(y))
        }
    }

    func testIdentityPerspectiveLeavesTheImage() {
        let sample = TestImages.sample(TestImages.random(width: 32, height: 24, seed: 1))
        let identity = PerspectiveAugmentation.Parameters(sourceCorners: PerspectiveAugmentation.corners(width: 32, height: 24))
        let output = PerspectiveAugmentation().apply(identity, to: sample).image
        for (a, b) in zip(output.pixels, sample.image.pixels) { XCTAssertEqual(a, b, accuracy: 1e-5) }
    }

    // MARK: Resized crop

    func testCropStaysInBoundsWithinItsScale() {
        let augmentation = ResizedCropAugmentation()
        for (width, height) in [(224, 224), (60, 40)] {
            let sample = TestImages.sample(TestImages.indexed(width: width, height: height))
            var generator = Xoshiro256StarStar(seed: 8)
            var sawSmallCrop = false
            for _ in 0..<500 {
                let crop = augmentation.draw(for: sample, using: &generator)
                XCTAssertGreaterThanOrEqual(crop.x, 0)
                XCTAssertGreaterThanOrEqual(crop.y, 0)
                XCTAssertLessThanOrEqual(crop.x + crop.width, width)
                XCTAssertLessThanOrEqual(crop.y + crop.height, height)
                // Whole-pixel rounding moves the area by at most one row and one column.
                let area = Double(crop.width * crop.height), slack = Double(crop.width + crop.height + 1)
                XCTAssertGreaterThanOrEqual(area + slack, 0.75 * Double(width * height))
                XCTAssertLessThanOrEqual(area, Double(width * height))
                sawSmallCrop = sawSmallCrop || area < 0.85 * Double(width * height)
            }
            XCTAssertTrue(sawSmallCrop)
        }
    }

    func testCropResamplesItsRectangleToFullSize() {
        let sample = TestImages.sample(TestImages.coordinates(width: size, height: size))
        let augmentation = ResizedCropAugmentation()
        assertDeterministic(augmentation, sample: sample)
        let crop = ResizedCropAugmentation.Parameters(x: 5, y: 9, width: 48, height: 52)
        let output = augmentation.apply(crop, to: sample).image
        assertSampled(output) { x, y in
            (5 + (Float(x) + 0.5) * 48 / Float(size) - 0.5, 9 + (Float(y) + 0.5) * 52 / Float(size) - 0.5)
        }
        let whole = ResizedCropAugmentation.Parameters(x: 0, y: 0, width: size, height: size)
        let random = TestImages.sample(TestImages.random(width: size, height: size, seed: 2))
        XCTAssertEqual(augmentation.apply(whole, to: random), random, "the whole image is an exact identity")
    }

    // MARK: Elastic

    func testElasticFieldIsSmoothAndOfTheAskedSize() {
        let sample = TestImages.sample(TestImages.coordinates(width: 224, height: 224))
        let augmentation = ElasticAugmentation(displacement: 2, smoothness: 16)
        assertDeterministic(augmentation, sample: sample)
        var generator = Xoshiro256StarStar(seed: 6)
        let field = augmentation.draw(for: sample, using: &generator)
        for component in [field.dx, field.dy] {
            let rms = (component.reduce(0) { $0 + Double($1) * Double($1) } / Double(component.count)).squareRoot()
            XCTAssertEqual(rms, 2, accuracy: 1e-3)
            var steepest: Float = 0
            for y in 0..<224 {
                for x in 1..<224 { steepest = max(steepest, abs(component[y * 224 + x] - component[y * 224 + x - 1])) }
            }
            // Below 1 the warp cannot fold the picture over itself; smooth fields stay well below.
            XCTAssertLessThan(steepest, 0.5, "neighbouring pixels move almost alike")
            XCTAssertGreaterThan(component.map(abs).max()!, 1, "the field does move pixels")
        }
        XCTAssertNotEqual(field.dx, field.dy)
        let output = augmentation.apply(field, to: sample).image
        assertSampled(output) { x, y in (Float(x) + field.dx[y * 224 + x], Float(y) + field.dy[y * 224 + x]) }
    }

    func testElasticWithAConstantFieldShiftsThePicture() {
        let sample = TestImages.sample(TestImages.indexed(width: 16, height: 12))
        let shift = ElasticAugmentation.Parameters(width: 16, height: 12, dx: Array(repeating: 3, count: 192),
                                                   dy: Array(repeating: -2, count: 192))
        let output = ElasticAugmentation().apply(shift, to: sample).image
        for y in 2..<12 {
            for x in 0..<13 {
                XCTAssertEqual(TestImages.value(output, x: x, y: y, channel: 1), TestImages.value(sample.image, x: x + 3, y: y - 2, channel: 1))
            }
        }
        // Border rule: beyond the right edge the edge pixel repeats.
        XCTAssertEqual(TestImages.value(output, x: 15, y: 5, channel: 0), TestImages.value(sample.image, x: 15, y: 3, channel: 0))
        let still = ElasticAugmentation.Parameters(width: 16, height: 12, dx: Array(repeating: 0, count: 192), dy: Array(repeating: 0, count: 192))
        XCTAssertEqual(ElasticAugmentation().apply(still, to: sample), sample)
    }
}
