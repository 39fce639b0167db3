import SeededRandom
import Foundation
import ImageIO
import Tensor
import ViT
import XCTest
import XMP
@testable import Training

/// The trainer on small problems with micro models: it learns what depends on the image,
/// resumes bit for bit, stops early, keeps the best epoch and leaves frozen parameters alone.
final class TrainerTests: XCTestCase {
    private static let recipe: PreprocessRecipe = {
        var recipe = PreprocessRecipe.vitDefault
        recipe.inputSize = 32
        return recipe
    }()
    private static let exposureOnly = LabelSpace(descriptors: [.exposure2012])

    private func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trainer-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }

    /// A textured 32×32 image whose mean brightness is 0.5 · 2^(−stops); its exposure label is
    /// `stops` EV (−log2 of the brightness relative to 0.5), scaled by 5.
    private func exposureImage(stops: Double, generator: inout Xoshiro256StarStar) -> (LinearImage, ScaledLabel) {
        var pixels = (0..<(32 * 32 * 3)).map { _ in Float(0.5 + generator.nextUnitInterval()) }
        let mean = pixels.reduce(0, +) / Float(pixels.count)
        let target = Float(0.5 * pow(2, -stops))
        pixels = pixels.map { $0 * target / mean }
        return (LinearImage(width: 32, height: 32, pixels: pixels), ScaledLabel(values: [Float(stops / 5)]))
    }

    private func exposureProblem(count: Int, seed: UInt64) -> (images: [LinearImage], labels: [ScaledLabel]) {
        var generator = Xoshiro256StarStar(seed: seed)
        var images: [LinearImage] = [], labels: [ScaledLabel] = []
        for _ in 0..<count {
            let (image, label) = exposureImage(stops: generator.nextUniform(in: 0...4), generator: &generator)
            images.append(image)
            labels.append(label)
        }
        return (images, labels)
    }

    /// Photos taken a minute apart, so every photo is a burst of its own.
    private func times(_ count: Int) -> [Date?] {
        (0..<count).map { Date(timeIntervalSince1970: Double($0) * 60) }
    }

    private func parameters(_ model: StyleModel) -> [Float] {
        let p = model.network.network.parameters
        return Array(UnsafeBufferPointer(start: p.pointer, count: p.count))
    }

    func testLearnsExposureFromTheImageAndBeatsTheMeanByAWideMargin() throws {
        let (images, labels) = exposureProblem(count: 120, seed: 11)
        let split = CaptureTimeSplit(training: Array(0..<72), validation: Array(72..<120), groups: [])
        let model = try StyleModel.initial(config: .micro, descriptors: [.exposure2012], recipe: Self.recipe, seed: 3)
        model.startHeadAtMean(of: split.training.map { labels[$0] })
        let policy = AugmentationPolicy(steps: [.init(SymmetryAugmentation(), probability: 0.5),
                                                .init(ExposureShiftAugmentation(space: Self.exposureOnly), probability: 0.5)],
                                        copiesPerPhoto: 1)
        let data = AugmentedDataset(images: images, labels: labels, captureTimes: times(120), split: split,
                                    space: Self.exposureOnly, policy: policy, seed: 5)
        var options = TrainerOptions()
        options.epochs = 30
        options.batchSize = 16
        options.learningRate = 3e-3
        options.patience = nil
        options.seed = 5
        let state = try Trainer(model: model, options: options).train(data)
        XCTAssertEqual(state.epochsDone, 30)

        let evaluation = try ModelEvaluation.run(model: model, images: images, labels: labels,
                                                 names: images.indices.map { "photo \($0)" }, split: split,
                                                 guesserDraws: 200, seed: 9)
        let modelMSE = try XCTUnwrap(evaluation.comparison.model.meanSquaredError)
        let meanMSE = try XCTUnwrap(evaluation.comparison.baselines[0].metrics.meanSquaredError)
        let guesserMSE = try XCTUnwrap(evaluation.comparison.baselines[1].metrics.meanSquaredError)
        XCTAssertEqual(evaluation.comparison.baselines.map(\.name), ["mean", "guesser", "nearest neighbour", "ridge (image stats)"])
        // Exposure here is the image's brightness, which the statistics see directly.
        let ridgeMSE = try XCTUnwrap(evaluation.comparison.baselines[3].metrics.meanSquaredError)
        XCTAssertLessThan(ridgeMSE, 0.2 * meanMSE, "ridge on image statistics \(ridgeMSE), mean \(meanMSE)")
        XCTAssertLessThan(modelMSE, 0.2 * meanMSE, "model \(modelMSE) against the mean baseline's \(meanMSE)")
        XCTAssertEqual(guesserMSE / meanMSE, 2, accuracy: 0.45, "guesser \(guesserMSE), mean \(meanMSE)")
        let exposureMAE = try XCTUnwrap(evaluation.comparison.model.settings[0].meanAbsoluteError)
        XCTAssertLessThan(exposureMAE, 0.4, "mean absolute error in EV")
    }

    private func smallRun(epochs: Int, patience: Int? = nil) -> (AugmentedDataset, TrainerOptions) {
        let (images, labels) = exposureProblem(count: 12, seed: 21)
        let split = CaptureTimeSplit(training: Array(0..<9), validation: Array(9..<12), groups: [])
        let data = AugmentedDataset(images: images, labels: labels, captureTimes: times(12), split: split,
                                    space: Self.exposureOnly,
                                    policy: .standard(space: Self.exposureOnly, copiesPerPhoto: 1),
                                    smoothing: try! LabelSmoothing(filter: .none, noise: 0.02), seed: 8)
        var options = TrainerOptions()
        options.epochs = epochs
        options.batchSize = 4
        options.learningRate = 2e-3
        options.patience = patience
        options.seed = 8
        return (data, options)
    }

    private func microModel() throws -> StyleModel {
        try StyleModel.initial(config: .micro, descriptors: [.exposure2012], recipe: Self.recipe, seed: 4)
    }

    func testAResumedRunEndsWithTheSameWeightsAsAnUninterruptedOne() throws {
        let (data, options) = smallRun(epochs: 4)
        let folder = try scratch()
        let whole = try Trainer(model: microModel(), options: options,
                                files: TrainingFiles(directory: folder.appendingPathComponent("whole")))
        let wholeState = try whole.train(data)

        let files = TrainingFiles(directory: folder.appendingPathComponent("parts"))
        let first = try Trainer(model: microModel(), options: options, files: files)
        let partial = try first.train(data, stopAfterEpoch: 2)
        XCTAssertEqual(partial.epochsDone, 2)
        XCTAssertFalse(partial.isFinished)
        let resumed = try Trainer(resuming: try XCTUnwrap(files.checkpoint), options: options, files: files)
        XCTAssertEqual(resumed.optimizer.step, first.optimizer.step)
        let resumedState = try resumed.train(data)

        XCTAssertEqual(resumedState.history.map(\.trainingLoss), wholeState.history.map(\.trainingLoss))
        XCTAssertEqual(resumedState.history.map(\.validationLoss), wholeState.history.map(\.validationLoss))
        XCTAssertEqual(resumedState.bestEpoch, wholeState.bestEpoch)
        XCTAssertTrue(parameters(resumed.model) == parameters(whole.model), "same weights, bit for bit")

        var other = options
        other.learningRate = 1e-3
        XCTAssertThrowsError(try Trainer(resuming: try XCTUnwrap(files.checkpoint), options: other, files: files)) { error in
            XCTAssertTrue("\(error)".contains("learningRate"), "\(error)")
        }
    }

    func testTheSameSeedGivesTheSameRun() throws {
        let (data, options) = smallRun(epochs: 2)
        let a = try microModel(), b = try microModel(), c = try microModel()
        try Trainer(model: a, options: options).train(data)
        try Trainer(model: b, options: options).train(data)
        var reseeded = options
        reseeded.seed = 9
        let otherData = AugmentedDataset(images: data.images, labels: data.labels, captureTimes: data.captureTimes,
                                         split: data.split, space: data.space, policy: data.policy,
                                         smoothing: data.smoothing, seed: 9)
        try Trainer(model: c, options: reseeded).train(otherData)
        XCTAssertTrue(parameters(a) == parameters(b))
        XCTAssertFalse(parameters(a) == parameters(c))
    }

    /// Training labels pull one way and validation labels the other, so the validation loss can
    /// only get worse after the first epoch: patience 2 stops the run after epoch 3, and the
    /// model ends with epoch 1's weights, the ones written as the best checkpoint.
    func testEarlyStoppingStopsAndTheBestEpochIsKept() throws {
        var generator = Xoshiro256StarStar(seed: 2)
        let images = (0..<8).map { _ in exposureImage(stops: 1, generator: &generator).0 }
        let labels = (0..<8).map { ScaledLabel(values: [$0 < 6 ? 0.5 : -0.5]) }
        let split = CaptureTimeSplit(training: Array(0..<6), validation: [6, 7], groups: [])
        let data = AugmentedDataset(images: images, labels: labels, captureTimes: times(8), split: split,
                                    space: Self.exposureOnly, policy: AugmentationPolicy(steps: [], copiesPerPhoto: 0), seed: 1)
        var options = TrainerOptions()
        options.epochs = 10
        options.batchSize = 3
        options.learningRate = 5e-3
        options.patience = 2
        let files = TrainingFiles(directory: try scratch())
        let trainer = try Trainer(model: microModel(), options: options, files: files)
        let state = try trainer.train(data)
        XCTAssertTrue(state.stoppedEarly)
        XCTAssertEqual(state.epochsDone, 3)
        XCTAssertEqual(state.bestEpoch, 1)
        let losses = state.history.compactMap(\.validationLoss)
        XCTAssertEqual(state.bestValidationLoss, losses.min())
        XCTAssertGreaterThan(losses[2], losses[0])

        let preprocessor = Preprocessor(recipe: Self.recipe)
        let now = try XCTUnwrap(trainer.loss(of: data.validationSamples, preprocessor: preprocessor, loss: MaskedMSE()))
        XCTAssertEqual(now, losses[0], accuracy: 1e-7, "the model holds the best epoch's weights")
        let best = try StyleModel.load(try XCTUnwrap(files.best))
        XCTAssertTrue(parameters(best) == parameters(trainer.model), "best.safetensors holds the best epoch")
    }

    func testFreezingLeavesFrozenParametersUnchanged() throws {
        let (data, options) = smallRun(epochs: 1)
        for (freeze, firstTrained) in [(FreezeOption.head, { (m: StyleModel) in m.network.network.slots.headWeight.offset }),
                                       (.lastBlocks(1), { (m: StyleModel) in m.network.network.slots.blocks[1].norm1Weight.offset })] {
            var frozen = options
            frozen.freeze = freeze
            let model = try microModel()
            let before = parameters(model)
            try Trainer(model: model, options: frozen).train(data)
            let after = parameters(model), start = firstTrained(model)
            XCTAssertEqual(Array(before[..<start]), Array(after[..<start]), "\(freeze)")
            XCTAssertNotEqual(Array(before[start...]), Array(after[start...]), "\(freeze)")
        }
        XCTAssertEqual(FreezeOption("last:3"), .lastBlocks(3))
        XCTAssertNil(FreezeOption("last:x"))
    }

    func testMaskedLossIgnoresAbsentSettings() {
        let outputs: [Float] = [0.5, 0.2, -0.1, 0.4]
        let labels = [ScaledLabel(values: [0.1, 0.9], isPresent: [true, false]), ScaledLabel(values: [0.0, 0.2])]
        var gradient = [Float](repeating: 9, count: 4)
        let loss = outputs.withUnsafeBufferPointer { y in
            gradient.withUnsafeMutableBufferPointer { MaskedMSE().loss(outputs: y.baseAddress!, labels: labels, gradient: $0.baseAddress!) }
        }
        // Three present entries: errors 0.4, −0.1, 0.2.
        XCTAssertEqual(loss, (0.16 + 0.01 + 0.04) / 3, accuracy: 1e-6)
        XCTAssertEqual(gradient[1], 0, "an absent setting gets no gradient")
        XCTAssertEqual(gradient[0], 2 * 0.4 / 3, accuracy: 1e-6)
        // All present, no weights: the ViT's own MSE.
        let full = [ScaledLabel(values: [0.1, 0.9]), ScaledLabel(values: [0.0, 0.2])]
        let ours = outputs.withUnsafeBufferPointer { MaskedMSE().loss(outputs: $0.baseAddress!, labels: full) }
        let theirs = outputs.withUnsafeBufferPointer { y in
            full.flatMap(\.values).withUnsafeBufferPointer { t in
                ViTLayers.mseLoss(y.baseAddress!, targets: t.baseAddress!, weights: nil, dy: nil, batch: 2, outputs: 2)
            }
        }
        XCTAssertEqual(ours, theirs, accuracy: 1e-6)
        let weighted = outputs.withUnsafeBufferPointer { MaskedMSE(weights: [1, 0]).loss(outputs: $0.baseAddress!, labels: full) }
        XCTAssertEqual(weighted, (0.16 + 0.01) / 2, accuracy: 1e-6)
    }

    func testLossCurvesAreWrittenAsCSVAndSVG() throws {
        let (data, options) = smallRun(epochs: 2)
        let state = try Trainer(model: microModel(), options: options).train(data)
        let csv = state.csv.split(separator: "\n")
        XCTAssertEqual(csv.count, 3)
        XCTAssertTrue(csv[0].hasPrefix("epoch,training_loss,validation_loss"))
        XCTAssertTrue(csv[1].hasPrefix("1,"))
        let svg = state.lossCurveSVG
        XCTAssertTrue(svg.hasPrefix("<svg"))
        XCTAssertEqual(svg.components(separatedBy: "<polyline").count - 1, 2, "a line each for training and validation")
        XCTAssertTrue(svg.contains(">training<") && svg.contains(">validation<") && svg.contains(">epoch<"))
        XCTAssertTrue(EpochProgress.describe(state.history[0], state: state).contains("images/s"))
    }

    func testCrossValidationTrainsAFreshModelPerFoldAndSummarisesTheFolds() throws {
        let (images, labels) = exposureProblem(count: 12, seed: 31)
        var options = TrainerOptions()
        options.epochs = 1
        options.batchSize = 4
        var starts: [Int] = []
        var validationLosses: [Double?] = []
        let result = try CrossValidationResult.run(
            images: images, labels: labels, captureTimes: times(12), names: images.indices.map { "p\($0)" }, count: 3,
            options: options, policy: AugmentationPolicy(steps: [], copiesPerPhoto: 0), smoothing: .identity,
            makeModel: { fold, trainingLabels in
                starts.append(fold)
                XCTAssertEqual(trainingLabels.count, 8)
                return try self.microModel()
            },
            onEpoch: { _, record, _ in validationLosses.append(record.validationLoss) })
        XCTAssertFalse(validationLosses.isEmpty)
        XCTAssertTrue(validationLosses.allSatisfy { $0 == nil }, "the evaluated fold must not be seen while training")
        XCTAssertEqual(starts, [0, 1, 2])
        XCTAssertEqual(result.folds.map(\.photos.count), [4, 4, 4])
        XCTAssertEqual(Set(result.folds.flatMap { $0.photos.map(\.index) }), Set(0..<12), "every photo validated once")
        let modelMSE = try XCTUnwrap(result.summary.first)
        XCTAssertEqual(modelMSE.name, "model MSE")
        XCTAssertEqual(modelMSE.values.count, 3)
        XCTAssertEqual(modelMSE.mean, modelMSE.values.reduce(0, +) / 3, accuracy: 1e-12)
        XCTAssertTrue(result.summary.map(\.name).contains("model ÷ nearest neighbour"))
        XCTAssertEqual(result.summary.map(\.name).suffix(5),
                       ["model ΔE image", "mean ΔE image", "guesser ΔE image", "nearest neighbour ΔE image",
                        "ridge (image stats) ΔE image"])
        XCTAssertEqual(result.summary.first { $0.name == "model ΔE image" }?.values.count, 3)
        XCTAssertThrowsError(try CrossValidationResult.run(
            images: images, labels: labels, captureTimes: Array(repeating: Date(timeIntervalSince1970: 0), count: 12),
            names: images.indices.map { "p\($0)" }, count: 3, options: options,
            policy: AugmentationPolicy(steps: [], copiesPerPhoto: 0), smoothing: .identity,
            makeModel: { _, _ in try self.microModel() })) { error in
            XCTAssertTrue("\(error)".contains("burst"), "\(error)")
        }
    }
}
