import SeededRandom
import XCTest
@testable import Training

final class BaselineTests: XCTestCase {
    /// Labels with each setting drawn from its own normal distribution (means and spreads of
    /// the same order as the real photographer's, in scaled units).
    private func labels(count: Int, seed: UInt64) -> [ScaledLabel] {
        let means = [0.17, 0.04, -0.57, 0.54, -0.31, 0.25, 0, -0.39]
        let spreads = [0.176, 0.287, 0.247, 0.356, 0.152, 0.287, 0.047, 0.166]
        var generator = Xoshiro256StarStar(seed: seed)
        return (0..<count).map { _ in
            ScaledLabel(values: zip(means, spreads).map { Float(generator.nextGaussian(mean: $0, standardDeviation: $1)) })
        }
    }

    func testGuesserIsAboutTwiceTheMeanBaseline() throws {
        let training = labels(count: 4_000, seed: 1), validation = labels(count: 4_000, seed: 2)
        let space = LabelSpace.lightroomBasic
        let mean = EvaluationMetrics(predictions: MeanBaseline(trainingLabels: training).predictions(count: validation.count),
                                     truths: validation, space: space)
        var generator = Xoshiro256StarStar(seed: 3)
        let guesser = GuesserBaseline(trainingLabels: training).evaluate(truths: validation, space: space, draws: 5, using: &generator)
        let meanMSE = try XCTUnwrap(mean.meanSquaredError), guesserMSE = try XCTUnwrap(guesser.meanSquaredError)
        // σ² averaged over the settings above is 0.0547: the real photographer's 0.0545.
        XCTAssertEqual(meanMSE, 0.0547, accuracy: 0.003)
        XCTAssertEqual(guesserMSE / meanMSE, 2, accuracy: 0.1, "E[(X − X′)²] = 2σ²")
        for (ours, theirs) in zip(guesser.settings, mean.settings) {
            XCTAssertEqual(try XCTUnwrap(ours.meanSquaredError) / XCTUnwrap(theirs.meanSquaredError), 2, accuracy: 0.2, ours.name)
        }
    }

    func testGuesserFitsMeanAndPopulationSpread() {
        let training = [ScaledLabel(values: [1, 5]), ScaledLabel(values: [3, 0], isPresent: [true, false]), ScaledLabel(values: [5, 7])]
        let statistics = GuesserBaseline(trainingLabels: training).statistics
        XCTAssertEqual(statistics.mean, [3, 6])
        XCTAssertEqual(statistics.standardDeviation[0], (8.0 / 3).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(statistics.standardDeviation[1], 1, accuracy: 1e-12)
        XCTAssertEqual(statistics.count, [3, 2])
        XCTAssertEqual(MeanBaseline(trainingLabels: training).prediction, [3, 6], "absent entries are not zeros")
        var a = Xoshiro256StarStar(seed: 1), b = Xoshiro256StarStar(seed: 1)
        XCTAssertEqual(GuesserBaseline(trainingLabels: training).predictions(count: 4, using: &a),
                       GuesserBaseline(trainingLabels: training).predictions(count: 4, using: &b))
    }

    func testNearestNeighbourReturnsTheNeighboursLabel() {
        let embeddings: [[Float]] = [[0, 0, 0], [10, 0, 0], [0, 10, 0], [0, 0, 10]]
        let training = (0..<4).map { ScaledLabel(values: [Float($0) / 10, -Float($0) / 10]) }
        let baseline = NearestNeighbourBaseline(trainingEmbeddings: embeddings, trainingLabels: training)
        XCTAssertEqual(baseline.prediction(for: [9, 1, 0]), training[1].values)
        XCTAssertEqual(baseline.prediction(for: [0.5, 0.5, 9]), training[3].values)
        XCTAssertEqual(baseline.prediction(for: [1, 1, 1]), training[0].values)
        XCTAssertEqual(baseline.prediction(for: [6, 6, 0]), training[1].values, "a tie (photos 1 and 2) goes to the lower index")
        XCTAssertEqual(baseline.predictions(for: [[0, 11, 0], [0, 0, 0]]), [training[2].values, training[0].values])
        // Predicting a training photo's own embedding gives its own label.
        for (embedding, label) in zip(embeddings, training) { XCTAssertEqual(baseline.prediction(for: embedding), label.values) }
    }

    func testNearestNeighbourSkipsAbsentSettings() {
        let training = [ScaledLabel(values: [0.1, 0.9], isPresent: [true, false]), ScaledLabel(values: [0.2, 0.3])]
        let baseline = NearestNeighbourBaseline(trainingEmbeddings: [[0], [5]], trainingLabels: training)
        XCTAssertEqual(baseline.prediction(for: [1]), [0.1, 0.3], "the nearest photo that has the setting lends it")
    }
}
