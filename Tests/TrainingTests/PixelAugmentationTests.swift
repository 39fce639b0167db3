import SeededRandom
import Foundation
import ImageIO
import XCTest
@testable import Training

/// Blur, GridMask, quadrant rotation and the exposure shift on constructed images.
final class PixelAugmentationTests: XCTestCase {
    private func draws<A: Augmentation>(_ augmentation: A, _ sample: TrainingSample, seed: UInt64, count: Int) -> [A.Parameters] {
        var generator = Xoshiro256StarStar(seed: seed)
        return (0..<count).map { _ in augmentation.draw(for: sample, using: &generator) }
    }

    // MARK: Blur

    func testBlurKeepsAConstantImageConstant() {
        let sample = TestImages.sample(LinearImage(width: 40, height: 30, red: 0.2, green: 0.5, blue: 1.7))
        for sigma in [0.3, 1, 2, 9] {
            let output = GaussianBlurAugmentation().apply(.init(sigma: sigma), to: sample).image
            for (a, b) in zip(output.pixels, sample.image.pixels) { XCTAssertEqual(a, b, accuracy: 2e-6 * max(1, b)) }
        }
    }

    func testBlurSpreadsAnImpulseAsASeparableGaussian() {
        var pixels = [Float](repeating: 0, count: 31 * 31 * 3)
        pixels[(15 * 31 + 15) * 3 + 1] = 1  // green impulse in the centre
        let sample = TestImages.sample(LinearImage(width: 31, height: 31, pixels: pixels))
        let output = GaussianBlurAugmentation().apply(.init(sigma: 2), to: sample).image
        let green = stride(from: 1, to: output.pixels.count, by: 3).map { output.pixels[$0] }
        XCTAssertEqual(green.reduce(0, +), 1, accuracy: 1e-5, "the blur moves no light")
        XCTAssertTrue(stride(from: 0, to: output.pixels.count, by: 3).allSatisfy { output.pixels[$0] == 0 }, "channels stay apart")
        let kernel = GaussianKernel(sigma: 2)
        for (dx, dy) in [(0, 0), (1, 0), (0, 3), (2, 2), (-4, 1)] {
            let expected = Float(kernel.weights[kernel.radius + dx] * kernel.weights[kernel.radius + dy])
            XCTAssertEqual(TestImages.value(output, x: 15 + dx, y: 15 + dy, channel: 1), expected, accuracy: 1e-6)
        }
        let draws = draws(GaussianBlurAugmentation(), sample, seed: 1, count: 200)
        XCTAssertTrue(draws.allSatisfy { (0.1...2).contains($0.sigma) })
        XCTAssertEqual(draws, self.draws(GaussianBlurAugmentation(), sample, seed: 1, count: 200))
    }

    /// The fast image path equals the 1-D SciPy-matching filter run on every row, then every
    /// column, borders included (σ = 3 reaches past both sides of a 9×5 image).
    func testBlurIsTheSciPyFilterAlongRowsThenColumns() {
        let image = TestImages.random(width: 9, height: 5, seed: 8)
        let output = GaussianBlurAugmentation().apply(.init(sigma: 3), to: TestImages.sample(image)).image
        let kernel = GaussianKernel(sigma: 3)
        for channel in 0..<3 {
            var plane = (0..<5).map { y in (0..<9).map { x in Double(TestImages.value(image, x: x, y: y, channel: channel)) } }
            plane = plane.map(kernel.filter)
            for x in 0..<9 {
                let column = kernel.filter(plane.map { $0[x] })
                for y in 0..<5 { plane[y][x] = column[y] }
            }
            for y in 0..<5 {
                for x in 0..<9 { XCTAssertEqual(Double(TestImages.value(output, x: x, y: y, channel: channel)), plane[y][x], accuracy: 1e-5) }
            }
        }
    }

    // MARK: GridMask

    func testGridMaskFillsExactlyItsSquaresWithTheMeanColour() {
        let image = TestImages.random(width: 100, height: 80, seed: 5)
        let sample = TestImages.sample(image)
        let parameters = GridMaskAugmentation.Parameters(unit: 20, side: 8, offsetX: 3, offsetY: 17)
        let output = GridMaskAugmentation().apply(parameters, to: sample)
        XCTAssertEqual(output.label, sample.label)
        let mean = (0..<3).map { channel in
            stride(from: channel, to: image.pixels.count, by: 3).reduce(0.0) { $0 + Double(image.pixels[$1]) } / 8_000
        }
        var masked = 0
        for y in 0..<80 {
            for x in 0..<100 {
                let hidden = (x + 3) % 20 < 8 && (y + 17) % 20 < 8
                XCTAssertEqual(parameters.isMasked(x: x, y: y), hidden)
                for channel in 0..<3 {
                    let value = TestImages.value(output.image, x: x, y: y, channel: channel)
                    if hidden {
                        XCTAssertEqual(value, Float(mean[channel]), accuracy: 1e-6)
                    } else {
                        XCTAssertEqual(value, TestImages.value(image, x: x, y: y, channel: channel))
                    }
                }
                masked += hidden ? 1 : 0
            }
        }
        XCTAssertEqual(Double(masked) / 8_000, 0.16, accuracy: 0.001, "(8/20)² of the image")
        let black = GridMaskAugmentation(fill: .black).apply(parameters, to: sample).image
        XCTAssertEqual(TestImages.value(black, x: 0, y: 3, channel: 2), 0)
    }

    func testGridMaskDrawsStayInTheirRanges() {
        let sample = TestImages.sample(TestImages.indexed(width: 224, height: 224))
        let augmentation = GridMaskAugmentation(unit: 48...112, maskRatio: 0.4)
        let drawn = draws(augmentation, sample, seed: 3, count: 300)
        XCTAssertEqual(drawn, draws(augmentation, sample, seed: 3, count: 300))
        for parameters in drawn {
            XCTAssertTrue((48...112).contains(parameters.unit))
            XCTAssertEqual(parameters.side, Int((0.4 * Double(parameters.unit)).rounded()))
            XCTAssertTrue((0..<parameters.unit).contains(parameters.offsetX) && (0..<parameters.unit).contains(parameters.offsetY))
        }
    }

    // MARK: Quadrant rotation

    func testQuadrantRotationKeepsEachQuadrantsPixels() {
        let image = TestImages.indexed(width: 12, height: 12)
        let sample = TestImages.sample(image)
        let parameters = QuadrantRotationAugmentation.Parameters(quarterTurns: [0, 1, 2, 3])
        let output = QuadrantRotationAugmentation().apply(parameters, to: sample)
        XCTAssertEqual(output.label, sample.label)
        func quadrant(_ picture: LinearImage, _ index: Int) -> LinearImage {
            let rect = QuadrantRotationAugmentation.quadrants(width: 12, height: 12)[index]
            var pixels: [Float] = []
            for y in rect.y..<(rect.y + rect.height) {
                for x in rect.x..<(rect.x + rect.width) { pixels += (0..<3).map { TestImages.value(picture, x: x, y: y, channel: $0) } }
            }
            return LinearImage(width: rect.width, height: rect.height, pixels: pixels)
        }
        for index in 0..<4 {
            let before = quadrant(image, index), after = quadrant(output.image, index)
            XCTAssertEqual(after.pixels.sorted(), before.pixels.sorted(), "quadrant \(index) keeps its multiset")
            XCTAssertEqual(after, SquareSymmetry(quarterTurns: parameters.quarterTurns[index]).apply(to: before))
        }
        XCTAssertEqual(quadrant(output.image, 0), quadrant(image, 0), "no turn, no change")
        XCTAssertNotEqual(output.image, image)
    }

    func testQuadrantRotationDrawsOnlyWhatFits() {
        let square = TestImages.sample(TestImages.indexed(width: 8, height: 8))
        let drawn = draws(QuadrantRotationAugmentation(), square, seed: 4, count: 100)
        XCTAssertEqual(drawn, draws(QuadrantRotationAugmentation(), square, seed: 4, count: 100))
        XCTAssertEqual(Set(drawn.flatMap(\.quarterTurns)), [0, 1, 2, 3])
        // 9×6: quadrants 4×3 and 5×3, none square, so only half turns are drawn, and the shape holds.
        let oblong = TestImages.sample(TestImages.indexed(width: 9, height: 6))
        var generator = Xoshiro256StarStar(seed: 4)
        for _ in 0..<30 {
            let parameters = QuadrantRotationAugmentation().draw(for: oblong, using: &generator)
            XCTAssertTrue(parameters.quarterTurns.allSatisfy { $0 % 2 == 0 })
            let output = QuadrantRotationAugmentation().apply(parameters, to: oblong).image
            XCTAssertEqual(output.pixels.sorted(), oblong.image.pixels)
        }
    }

    // MARK: Exposure shift

    func testExposureShiftScalesLinearDataAndLowersTheLabelByTheSameStops() {
        let space = LabelSpace.lightroomBasic
        let augmentation = ExposureShiftAugmentation(space: space, maximumStops: 1.5)
        let sample = TestImages.sample(TestImages.random(width: 20, height: 20, seed: 9), exposure: 0.17)  // +0.85 EV
        var generator = Xoshiro256StarStar(seed: 10)
        var sawPositive = false, sawNegative = false
        for _ in 0..<50 {
            let parameters = augmentation.draw(for: sample, using: &generator)
            XCTAssertLessThanOrEqual(abs(parameters.stops), 1.5)
            let output = augmentation.apply(parameters, to: sample)
            let factor = Float(exp2(Double(parameters.stops)))
            for (after, before) in zip(output.image.pixels, sample.image.pixels) {
                XCTAssertEqual(after, before * factor)  // bit for bit: one rounding of 2^k, one product
            }
            XCTAssertEqual(output.label.values[0] * 5 - sample.label.values[0] * 5, -parameters.stops, accuracy: 1e-6)
            XCTAssertEqual(Array(output.label.values[1...]), Array(sample.label.values[1...]), "only exposure moves")
            sawPositive = sawPositive || parameters.stops > 0.5
            sawNegative = sawNegative || parameters.stops < -0.5
        }
        XCTAssertTrue(sawPositive && sawNegative)
        // Whole stops are exact in both image and label, with no clipping above 1.
        let twoStops = augmentation.apply(.init(stops: 2), to: sample)
        XCTAssertEqual(twoStops.image.pixels, sample.image.pixels.map { $0 * 4 })
        XCTAssertGreaterThan(twoStops.image.pixels.max()!, 4)
        XCTAssertEqual(twoStops.label.values[0], 0.17 - 0.4)
    }

    func testExposureShiftKeepsTheLabelInRange() {
        let augmentation = ExposureShiftAugmentation(space: .lightroomBasic, maximumStops: 2)
        // At +4.5 EV the image may be darkened by half a stop at most (the label would pass +5 EV).
        let nearTop = TestImages.sample(TestImages.indexed(width: 4, height: 4), exposure: 0.9)
        var generator = Xoshiro256StarStar(seed: 12)
        for _ in 0..<200 {
            let stops = augmentation.draw(for: nearTop, using: &generator).stops
            XCTAssertTrue((-0.5...2).contains(stops), "\(stops)")
            let exposure = augmentation.apply(.init(stops: stops), to: nearTop).label.values[0] * 5
            XCTAssertTrue((-5.00001...5.00001).contains(exposure))
        }
    }

    func testExposureShiftDoesNothingWhenTheLabelCannotFollow() {
        var absent = TestImages.sample(TestImages.indexed(width: 4, height: 4))
        absent.label = ScaledLabel(values: absent.label.values, isPresent: [false] + Array(repeating: true, count: 7))
        let augmentation = ExposureShiftAugmentation(space: .lightroomBasic)
        var generator = Xoshiro256StarStar(seed: 1)
        XCTAssertEqual(augmentation.draw(for: absent, using: &generator).stops, 0)
        XCTAssertEqual(augmentation.apply(.init(stops: 1), to: absent), absent)
        let noExposure = LabelSpace(settings: Array(LabelSpace.lightroomBasic.settings.dropFirst()))
        XCTAssertNil(ExposureShiftAugmentation(space: noExposure).exposureIndex)
        // The setting is found by name, wherever it sits.
        let reordered = LabelSpace(settings: LabelSpace.lightroomBasic.settings.reversed())
        XCTAssertEqual(ExposureShiftAugmentation(space: reordered).exposureIndex, 7)
    }
}
