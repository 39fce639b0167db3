import SeededRandom
import Foundation
import ImageIO
import ViT
import XCTest
@testable import Training

/// The closed-form learner: ridge algebra, the choice by grouped cross-validation, the fallback
/// to the mean, the head written into the ViT, the uncertainty and the rank correlation.
final class FewShotLearnerTests: XCTestCase {
    private func features(_ count: Int, width: Int, seed: UInt64) -> [[Float]] {
        var generator = Xoshiro256StarStar(seed: seed)
        return (0..<count).map { _ in (0..<width).map { _ in Float(generator.nextGaussian(mean: 0, standardDeviation: 1)) } }
    }

    /// A minute apart: every photo its own burst.
    private func times(_ count: Int) -> [Date?] { (0..<count).map { Date(timeIntervalSince1970: Double($0) * 60) } }

    func testRidgeDualAndPrimalAgreeAndLimitsAreTheMeanAndThePrior() {
        let x = features(12, width: 5, seed: 1).map { $0.map(Double.init) }
        let y = x.map { 0.3 * $0[0] - 0.2 * $0[3] + 0.1 + 0.01 * $0[1] * $0[2] }
        // 12 rows, 5 features: primal. The same problem with the rows cut to 4: dual.
        let primal = RidgeRegression.fit(features: x, targets: y, lambda: 0.5)
        // Check primal against the normal equations' residual: Xcᵀ(r − Xc Δw) = λ Δw.
        let mean = (0..<5).map { j in x.map { $0[j] }.reduce(0, +) / 12 }
        let residuals = zip(x, y).map { $1 - primal.predict($0) }
        for j in 0..<5 {
            let gradient = zip(x, residuals).map { ($0[j] - mean[j]) * $1 }.reduce(0, +)
            XCTAssertEqual(gradient, 0.5 * primal.weights[j], accuracy: 1e-9)
        }
        XCTAssertEqual(residuals.reduce(0, +), 0, accuracy: 1e-9, "the intercept is unpenalised")
        let few = Array(x.prefix(4)), fewY = Array(y.prefix(4))
        let dual = RidgeRegression.fit(features: few, targets: fewY, lambda: 0.5)
        let fewMean = (0..<5).map { j in few.map { $0[j] }.reduce(0, +) / 4 }
        let fewResiduals = zip(few, fewY).map { $1 - dual.predict($0) }
        for j in 0..<5 {
            let gradient = zip(few, fewResiduals).map { ($0[j] - fewMean[j]) * $1 }.reduce(0, +)
            XCTAssertEqual(gradient, 0.5 * dual.weights[j], accuracy: 1e-9)
        }
        // λ = ∞: the prior plus the mean offset; prior 0: the mean of the targets.
        let prior = [1.0, 0, 0, 0, 0]
        let offset = RidgeRegression.fit(features: x, targets: y, lambda: .infinity, prior: prior)
        XCTAssertEqual(offset.weights, prior)
        XCTAssertEqual(offset.intercept, zip(x, y).map { $1 - $0[0] }.reduce(0, +) / 12, accuracy: 1e-12)
        XCTAssertEqual(RidgeRegression.fit(features: x, targets: y, lambda: .infinity).intercept,
                       y.reduce(0, +) / 12, accuracy: 1e-12)
    }

    func testLearnsWhatDependsOnTheFeaturesAndFallsBackToTheMeanOnNoise() throws {
        let x = features(24, width: 16, seed: 2)
        var generator = Xoshiro256StarStar(seed: 3)
        // Setting 0 follows the features (through a different head than the "neutral" one);
        // setting 1 is noise around a constant.
        let labels = x.map { row in
            ScaledLabel(values: [Float(tanh(0.4 * Double(row[0]) - 0.3 * Double(row[5]) + 0.2)),
                                 Float(0.3 + generator.nextGaussian(mean: 0, standardDeviation: 0.05))])
        }
        var neutral = Array(repeating: [Float](repeating: 0, count: 16), count: 2)
        neutral[0][0] = 0.2
        let head = try FewShotLearner().learn(features: x, labels: labels, captureTimes: times(24),
                                              settings: ["follows", "noise"], neutralWeights: neutral, neutralBias: [0, 0])
        let follows = head.report.settings[0], noise = head.report.settings[1]
        XCTAssertNotEqual(follows.family, "mean")
        XCTAssertLessThan(try XCTUnwrap(follows.crossValidatedMSE), 0.2 * (follows.meanMSE ?? 0))
        // Noise: nothing should beat the mean by much; whatever is chosen is never worse than it on the folds.
        XCTAssertLessThanOrEqual(try XCTUnwrap(noise.crossValidatedMSE), (noise.meanMSE ?? 0) * 1.0001)
        XCTAssertEqual(head.report.folds, 5)
        // Fresh photos: the learnt head is far closer on setting 0 than the mean of the edits.
        let fresh = features(40, width: 16, seed: 4)
        let truth = fresh.map { tanh(0.4 * Double($0[0]) - 0.3 * Double($0[5]) + 0.2) }
        let learnt = fresh.map { row in Double(tanh(zip(head.weights[0], row).map { $0 * $1 }.reduce(head.bias[0], +))) }
        let mean = labels.map { Double($0.values[0]) }.reduce(0, +) / 24
        let headError = zip(learnt, truth).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
        let meanError = truth.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
        XCTAssertLessThan(headError, 0.4 * meanError)
    }

    func testPureNoiseFallsBackToTheMeanAndSaysSo() throws {
        let x = features(20, width: 8, seed: 5)
        var generator = Xoshiro256StarStar(seed: 6)
        let labels = x.map { _ in ScaledLabel(values: [Float(-0.2 + generator.nextGaussian(mean: 0, standardDeviation: 0.1))]) }
        var learner = FewShotLearner()
        learner.families = ["mean", "ridge"]
        let head = try learner.learn(features: x, labels: labels, captureTimes: times(20), settings: ["noise"],
                                     neutralWeights: [[Float](repeating: 0, count: 8)], neutralBias: [0])
        let mean = labels.map { Double($0.values[0]) }.reduce(0, +) / 20
        if head.report.settings[0].fellBackToMean {
            XCTAssertEqual(head.weights[0], [Float](repeating: 0, count: 8))
            XCTAssertEqual(Double(tanh(head.bias[0])), mean, accuracy: 1e-6)
            XCTAssertTrue(head.report.lines.joined().contains("nothing beat the mean"))
        } else {
            XCTAssertLessThan(try XCTUnwrap(head.report.settings[0].crossValidatedMSE), try XCTUnwrap(head.report.settings[0].meanMSE))
        }
    }

    func testAbsentLabelsAreSkippedAndOneBurstIsRefused() throws {
        let x = features(10, width: 4, seed: 7)
        let labels = x.enumerated().map { index, row in
            ScaledLabel(values: [row[0] * 0.1, 0.5], isPresent: [true, index % 2 == 0])
        }
        let head = try FewShotLearner().learn(features: x, labels: labels, captureTimes: times(10), settings: ["a", "b"],
                                              neutralWeights: [[0, 0, 0, 0], [0, 0, 0, 0]], neutralBias: [0, 0])
        XCTAssertEqual(head.report.settings[1].photos, 5)
        XCTAssertEqual(Double(tanh(head.bias[1])), 0.5, accuracy: 1e-5, "a constant setting is learnt as that constant")
        let oneBurst = (0..<10).map { Date(timeIntervalSince1970: Double($0)) as Date? }
        XCTAssertThrowsError(try FewShotLearner().learn(features: x, labels: labels, captureTimes: oneBurst, settings: ["a", "b"],
                                                        neutralWeights: [[0, 0, 0, 0], [0, 0, 0, 0]], neutralBias: [0, 0])) { error in
            XCTAssertTrue("\(error)".contains("at least 2 bursts"), "\(error)")
        }
    }

    func testTheInstalledHeadIsWhatTheViTPredictsAndTheRecordsSurviveASave() throws {
        var recipe = PreprocessRecipe.vitDefault
        recipe.inputSize = 32
        let model = try StyleModel.initial(config: .micro, recipe: recipe, seed: 1)
        var generator = Xoshiro256StarStar(seed: 8)
        let images = (0..<12).map { index in
            LinearImage(width: 32, height: 32, pixels: (0..<(32 * 32 * 3)).map { _ in
                Float(generator.nextUnitInterval()) * Float(index + 1) / 12 })
        }
        let labels = images.indices.map { index in
            ScaledLabel(values: (0..<8).map { Float(index) / 12 * 0.5 - 0.2 + Float($0) * 0.01 })
        }
        let head = try ClosedFormFit.fit(model: model, images: images, labels: labels, captureTimes: times(12),
                                         training: Array(0..<12))
        let embeddings = try model.embeddings(of: images)
        let preprocessor = Preprocessor(recipe: recipe)
        let predictions = try model.predict(images.map { preprocessor.encode($0) })
        for (embedding, prediction) in zip(embeddings, predictions) {
            for setting in 0..<8 {
                let z = zip(head.weights[setting], embedding).map { $0 * $1 }.reduce(head.bias[setting], +)
                XCTAssertEqual(prediction[setting], tanh(z), accuracy: 1e-4)
            }
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("learner-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("style.safetensors")
        try model.save(to: url)
        let loaded = try StyleModel.load(url)
        XCTAssertEqual(LearnedHead.report(in: loaded), head.report)
        XCTAssertEqual(loaded.uncertainty, head.uncertainty)
        // Same batch on both sides: BLAS may round a batch of one differently from a batch of twelve.
        let single = [preprocessor.encode(images[3])]
        XCTAssertEqual(try loaded.predict(single)[0], try model.predict(single)[0])
    }

    func testConfidenceFallsWithDistanceFromTheEdits() {
        let x = features(20, width: 6, seed: 9)
        let uncertainty = PredictiveUncertainty(features: x, lambdaScale: 0.1, residualVariance: [0.01, 0.02])
        let scorer = uncertainty.scorer()
        let near = x[3].map { $0 * 1.01 }
        let far = x[3].map { $0 * 6 }
        XCTAssertLessThan(scorer.leverage(near), scorer.leverage(far))
        XCTAssertGreaterThan(scorer.confidence(near), scorer.confidence(far))
        XCTAssertEqual(scorer.standardDeviations(near)[1] / scorer.standardDeviations(near)[0], 2.0.squareRoot(), accuracy: 1e-9)
        // The leverage is the primal quadratic form x̃ᵀ(XcᵀXc + λI)⁻¹x̃.
        let centred = uncertainty.centred.map { $0.map(Double.init) }
        var gram = (0..<6).map { a in (0..<6).map { b in centred.map { $0[a] * $0[b] }.reduce(0, +) } }
        for a in 0..<6 { gram[a][a] += uncertainty.lambda }
        let shifted = zip(far, uncertainty.mean).map { Double($0) - Double($1) }
        let solved = SymmetricSolve.solve(gram, shifted)
        XCTAssertEqual(scorer.leverage(far), zip(shifted, solved).map { $0 * $1 }.reduce(0, +), accuracy: 1e-6)
    }

    func testSpearman() throws {
        XCTAssertEqual(try XCTUnwrap(RankCorrelation.spearman([1, 2, 3, 4], [10, 20, 25, 100])), 1, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(RankCorrelation.spearman([1, 2, 3, 4], [4, 3, 2, 1])), -1, accuracy: 1e-12)
        XCTAssertEqual(RankCorrelation.ranks([5, 1, 5, 2]), [3.5, 1, 3.5, 2])
        XCTAssertNil(RankCorrelation.spearman([1, 1, 1], [1, 2, 3]))
        // scipy.stats.spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) = 0.8207826816681233
        XCTAssertEqual(try XCTUnwrap(RankCorrelation.spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])), 0.8207826816681233, accuracy: 1e-12)
    }

    func testStatisticsRidgeFollowsBrightness() {
        var generator = Xoshiro256StarStar(seed: 10)
        func image(_ brightness: Float) -> LinearImage {
            LinearImage(width: 16, height: 16, pixels: (0..<(16 * 16 * 3)).map { _ in
                brightness * Float(0.5 + generator.nextUnitInterval()) })
        }
        let brightness = (0..<20).map { Float(0.05 + 0.04 * Double($0)) }
        let images = brightness.map(image)
        // The photographer brightens dark photos: exposure falls with brightness.
        let labels = brightness.map { ScaledLabel(values: [0.4 - $0 * 0.5]) }
        let baseline = StatisticsRidgeBaseline(trainingFeatures: images.map(ImageStatisticsFeatures.features(of:)),
                                               trainingLabels: labels, captureTimes: times(20))
        let test = [0.1, 0.5].map { image(Float($0)) }
        let predictions = baseline.predictions(for: test.map(ImageStatisticsFeatures.features(of:)))
        XCTAssertEqual(Double(predictions[0][0]), 0.35, accuracy: 0.05)
        XCTAssertEqual(Double(predictions[1][0]), 0.15, accuracy: 0.05)
        XCTAssertEqual(ImageStatisticsFeatures.features(of: test[0]).count, ImageStatisticsFeatures.names.count)
    }
}
