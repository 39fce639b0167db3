import SeededRandom
import XCTest
@testable import Training

final class EvaluationMetricsTests: XCTestCase {
    let space = LabelSpace(settings: [
        LabelSetting(name: "Exposure2012", scale: 5, range: -5...5, tolerance: 0.33, unit: "EV"),
        LabelSetting(name: "Vibrance", scale: 100, range: -100...100, tolerance: 10),
    ])

    func testFiguresByHand() throws {
        let truths = [
            ScaledLabel(sliderValues: [1.0, 20], space: space),
            ScaledLabel(sliderValues: [0.0, nil], space: space),  // black and white: no Vibrance
            ScaledLabel(sliderValues: [-0.5, -10], space: space),
        ]
        // Errors: exposure +0.2, −0.5, +0.33 EV; vibrance −5, (skipped), +15 points.
        let predictions: [[Float]] = [[1.2 / 5, 0.15], [-0.5 / 5, 0.77], [-0.17 / 5, 0.05]]
        let metrics = EvaluationMetrics(predictions: predictions, truths: truths, space: space)
        XCTAssertEqual(metrics.photoCount, 3)
        let exposure = metrics.settings[0], vibrance = metrics.settings[1]
        XCTAssertEqual(exposure.count, 3)
        XCTAssertEqual(vibrance.count, 2, "the absent entry is skipped, not taken as 0")
        XCTAssertEqual(try XCTUnwrap(exposure.meanAbsoluteError), (0.2 + 0.5 + 0.33) / 3, accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(vibrance.meanAbsoluteError), 10, accuracy: 1e-5)
        XCTAssertEqual(try XCTUnwrap(exposure.withinTolerance), 2.0 / 3, accuracy: 1e-12, "0.33 EV exactly counts as within")
        XCTAssertEqual(try XCTUnwrap(vibrance.withinTolerance), 0.5, accuracy: 1e-12)
        let exposureSquares = (0.04 + 0.25 + 0.1089) / 25, vibranceSquares = 0.0025 + 0.0225
        XCTAssertEqual(try XCTUnwrap(exposure.meanSquaredError), exposureSquares / 3, accuracy: 1e-7)
        XCTAssertEqual(try XCTUnwrap(vibrance.meanSquaredError), vibranceSquares / 2, accuracy: 1e-7)
        XCTAssertEqual(try XCTUnwrap(metrics.meanSquaredError), (exposureSquares + vibranceSquares) / 5, accuracy: 1e-7,
                       "pooled over the five present entries")
    }

    func testASettingNoPhotoHasHasNoFigures() {
        let truths = [ScaledLabel(sliderValues: [0.5, nil], space: space)]
        let metrics = EvaluationMetrics(predictions: [[0.1, 0.3]], truths: truths, space: space)
        XCTAssertEqual(metrics.settings[1].count, 0)
        XCTAssertNil(metrics.settings[1].meanSquaredError)
        XCTAssertNil(metrics.settings[1].withinTolerance)
        XCTAssertEqual(metrics.meanSquaredError!, 0, accuracy: 1e-12)
    }

    func testRatiosAndAverages() throws {
        let truths = [ScaledLabel(values: [0, 0]), ScaledLabel(values: [0.2, 0.2])]
        let good = EvaluationMetrics(predictions: [[0.05, 0], [0.2, 0.1]], truths: truths, space: space)
        let bad = EvaluationMetrics(predictions: [[0.1, 0.1], [0, 0]], truths: truths, space: space)
        let ratio = good.ratio(to: bad)
        XCTAssertEqual(try XCTUnwrap(ratio.meanSquaredError), (0.0025 + 0.01) / (0.01 + 0.01 + 0.04 + 0.04), accuracy: 1e-6)
        XCTAssertEqual(try XCTUnwrap(ratio.settings[0].meanAbsoluteError), 0.05 / 0.3, accuracy: 1e-6)
        XCTAssertNil(good.ratio(to: EvaluationMetrics(predictions: [[0, 0], [0.2, 0.2]], truths: truths, space: space)).meanSquaredError,
                     "no ratio to a perfect baseline")
        let average = EvaluationMetrics.mean(of: [good, bad])
        XCTAssertEqual(try XCTUnwrap(average.meanSquaredError), (good.meanSquaredError! + bad.meanSquaredError!) / 2, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(average.settings[1].withinTolerance),
                       (good.settings[1].withinTolerance! + bad.settings[1].withinTolerance!) / 2, accuracy: 1e-12)
    }

    func testComparisonCarriesEveryBaselineAndTheModelsRatio() throws {
        let training = (0..<10).map { ScaledLabel(values: [Float($0) / 20, -Float($0) / 20]) }
        let validation = [ScaledLabel(values: [0.1, -0.1]), ScaledLabel(values: [0.4, -0.4])]
        var generator = Xoshiro256StarStar(seed: 1)
        let comparison = BaselineComparison(
            modelPredictions: validation.map(\.values), validationLabels: validation, trainingLabels: training, space: space,
            trainingEmbeddings: (0..<10).map { [Float($0)] }, validationEmbeddings: [[2], [8]], using: &generator)
        XCTAssertEqual(comparison.baselines.map(\.name), ["mean", "guesser", "nearest neighbour"])
        XCTAssertEqual(comparison.model.meanSquaredError!, 0, accuracy: 1e-12)
        XCTAssertEqual(comparison.baselines[0].modelRatio.meanSquaredError!, 0, accuracy: 1e-12)
        XCTAssertEqual(comparison.baselines[2].metrics.meanSquaredError!, 0, accuracy: 1e-12, "neighbours 2 and 8 are exact")
        let withoutEmbeddings = BaselineComparison(modelPredictions: validation.map(\.values), validationLabels: validation,
                                                   trainingLabels: training, space: space, using: &generator)
        XCTAssertEqual(withoutEmbeddings.baselines.count, 2)
    }
}
