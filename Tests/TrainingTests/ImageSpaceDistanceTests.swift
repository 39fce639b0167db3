import SeededRandom
import XCTest
import ImageIO
@testable import Training

final class ImageSpaceDistanceTests: XCTestCase {
    let space = LabelSpace.lightroomBasic
    let truth = ScaledLabel(values: [0.1, 0.1, -0.5, 0.4, -0.3, 0.2, 0, -0.4])

    private func images(_ count: Int) -> [LinearImage] {
        (0..<count).map { TestImages.random(width: 40, height: 30, seed: UInt64($0)).scaled(by: 0.3) }
    }

    func testTheTruthScoresZeroAndErrorsGrowWithTheMiss() throws {
        let error = ImageSpaceDistance(images: images(2), truths: [truth, truth], space: space)
        XCTAssertEqual(try XCTUnwrap(error.mean([truth.values, truth.values])), 0, accuracy: 1e-9)
        func offByExposure(_ ev: Float) -> [Float] { var values = truth.values; values[0] += ev / 5; return values }
        let small = try XCTUnwrap(error.mean([offByExposure(0.3), offByExposure(0.3)]))
        let large = try XCTUnwrap(error.mean([offByExposure(1), offByExposure(1)]))
        XCTAssertGreaterThan(small, 1, "0.3 EV shows")
        XCTAssertGreaterThan(large, small * 2)
        let perPhoto = error.perPhoto([truth.values, offByExposure(1)])
        XCTAssertEqual(perPhoto[0], 0, accuracy: 1e-9)
        XCTAssertGreaterThan(perPhoto[1], 2)
    }

    func testASettingTheTruthLacksAddsNothing() throws {
        let blackAndWhite = ScaledLabel(values: truth.values, isPresent: [true, true, true, true, true, true, false, false])
        let error = ImageSpaceDistance(images: images(1), truths: [blackAndWhite], space: space)
        var prediction = blackAndWhite.values
        prediction[6] = 0.8
        prediction[7] = -0.9
        XCTAssertEqual(try XCTUnwrap(error.mean([prediction])), 0, accuracy: 1e-9)
    }

    func testImagesAreShrunkToTheLongSide() {
        let error = ImageSpaceDistance(images: [TestImages.random(width: 300, height: 100, seed: 3)], truths: [truth],
                                    space: space, maxSide: 60)
        XCTAssertEqual(error.images[0].width, 60)
        XCTAssertEqual(error.images[0].height, 20)
    }

    func testTheComparisonGivesEveryEntryItsImageErrorAndRatio() throws {
        let training = (0..<8).map { ScaledLabel(values: [Float($0) / 20 - 0.2] + Array(truth.values.dropFirst())) }
        let validation = [truth, truth]
        let imageError = ImageSpaceDistance(images: images(2), truths: validation, space: space)
        var generator = Xoshiro256StarStar(seed: 1)
        let offModel = validation.map { label -> [Float] in var values = label.values; values[0] += 0.1; return values }
        let comparison = BaselineComparison(
            modelPredictions: offModel, validationLabels: validation, trainingLabels: training, space: space,
            trainingEmbeddings: (0..<8).map { [Float($0)] }, validationEmbeddings: [[2], [6]], guesserDraws: 3,
            imageError: imageError, using: &generator)
        let model = try XCTUnwrap(comparison.model.meanDeltaE)
        XCTAssertEqual(model, try XCTUnwrap(imageError.mean(offModel)), accuracy: 1e-9)
        for baseline in comparison.baselines {
            let theirs = try XCTUnwrap(baseline.metrics.meanDeltaE, baseline.name)
            XCTAssertGreaterThan(theirs, 0, baseline.name)
            XCTAssertEqual(try XCTUnwrap(baseline.modelRatio.meanDeltaE), model / theirs, accuracy: 1e-9)
        }
        let without = BaselineComparison(modelPredictions: offModel, validationLabels: validation, trainingLabels: training,
                                         space: space, using: &generator)
        XCTAssertNil(without.model.meanDeltaE)
        func table(_ comparison: BaselineComparison) -> String {
            ModelEvaluation(space: space, comparison: comparison, trainingCount: 8, photos: [], trainingTruths: []).table
        }
        XCTAssertTrue(table(comparison).contains("ΔE image"))
        XCTAssertTrue(table(comparison).contains(String(format: "%.2f", model)))
        XCTAssertFalse(table(without).contains("ΔE image"), "no column for a figure not measured")
    }
}

private extension LinearImage {
    func scaled(by factor: Float) -> LinearImage {
        LinearImage(width: width, height: height, pixels: pixels.map { $0 * factor })
    }
}
