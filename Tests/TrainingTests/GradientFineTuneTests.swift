import Foundation
import ImageIO
import SeededRandom
import XCTest
import XMP
@testable import Training

/// `finetune --learner gradient` without a process: the split, the record stored in the model
/// (also in its checkpoints), the head started at the mean, and a resumed run.
final class GradientFineTuneTests: XCTestCase {
    private func photos(_ count: Int) -> TensorDataset {
        var generator = Xoshiro256StarStar(seed: 31)
        var photos: [LabelledPhoto] = [], images: [LinearImage] = []
        for index in 0..<count {
            let stops = generator.nextUniform(in: 0...3)
            let brightness = Float(0.5 * pow(2, -stops))
            images.append(LinearImage(width: 32, height: 32, pixels: (0..<(32 * 32 * 3)).map { _ in
                brightness * Float(0.5 + generator.nextUnitInterval()) }))
            photos.append(LabelledPhoto(url: URL(fileURLWithPath: String(format: "/shoot/IMG_%04d.dng", index + 1)),
                                        labelSource: "test", settings: DevelopSettings(),
                                        label: ScaledLabel(values: [Float(stops / 5)]),
                                        captureTime: Date(timeIntervalSince1970: Double(index) * 60), isHDR: index == 0))
        }
        return TensorDataset(photos: photos, images: images, failures: [], cachedCount: 0, decodedCount: count, seconds: 0)
    }

    private func model() throws -> StyleModel {
        var recipe = PreprocessRecipe.vitDefault
        recipe.inputSize = 32
        return try StyleModel.initial(config: .micro, descriptors: [.exposure2012], recipe: recipe, seed: 4)
    }

    func testARunRecordsWhatItDidAndAResumedRunFinishesIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gradient-\(UUID())")
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        var options = TrainerOptions()
        options.epochs = 3
        options.batchSize = 4
        options.seed = 2
        let tensors = photos(10)
        let smoothing = try LabelSmoothing(filter: .movingAverage(window: 3), noise: 0.01)

        let fresh = try model()
        let fineTune = try GradientFineTune(starting: fresh, from: "scratch:micro", fromScratch: true,
                                            options: options, folder: folder)
        var told: (training: Int, samples: Int)?
        var epochs = 0
        let outcome = try fineTune.run(on: tensors, shoots: ["/shoot"], validationFraction: 0.3, augmentCopies: 2,
                                       smoothing: smoothing, seed: 2,
                                       willTrain: { split, samples in told = (split.training.count, samples) },
                                       onEpoch: { _, _ in epochs += 1 })
        XCTAssertEqual(outcome.split.training.count + outcome.split.validation.count, 10)
        XCTAssertEqual(outcome.split.validation.count, 3)
        XCTAssertEqual(told?.training, 7)
        XCTAssertEqual(told?.samples, 3, "each photo as it is and two augmented copies")
        XCTAssertEqual(epochs, 3)
        let record = outcome.record
        XCTAssertEqual(record.learner, "gradient")
        XCTAssertEqual(record.initialWeights, "scratch:micro")
        XCTAssertEqual(record.smoothing, "moving-average:3")
        XCTAssertEqual(record.labelNoise, 0.01)
        XCTAssertEqual(record.epochsRun, 3)
        XCTAssertEqual(record.hdrEdits, 1)
        XCTAssertEqual(record.options, options)
        XCTAssertEqual(Set(record.trainingPhotos + record.validationPhotos).count, 10)
        XCTAssertNotNil(record.validationLoss)
        // The checkpoint carries the record, so a resumed run knows where training started.
        let checkpoint = folder.appendingPathComponent("last.safetensors")
        let resumed = try GradientFineTune(resuming: checkpoint, options: options)
        XCTAssertEqual(resumed.initialWeights, "scratch:micro")
        let again = try resumed.run(on: tensors, shoots: ["/shoot"], validationFraction: 0.3, augmentCopies: 2,
                                    smoothing: smoothing, seed: 2)
        XCTAssertEqual(again.state.epochsDone, 3, "a finished run has nothing left to do")
        XCTAssertEqual(again.split, outcome.split)
    }
}
