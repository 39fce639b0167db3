import ImageIO
import Tensor
import XCTest
@testable import Training

final class MirroredViewsTests: XCTestCase {
    private static let recipe: PreprocessRecipe = {
        var recipe = PreprocessRecipe.vitDefault
        recipe.inputSize = 32
        return recipe
    }()

    private func photo(seed: UInt64) -> ImageTensor {
        let image = TestImages.random(width: 32, height: 32, seed: seed)
        return Preprocessor(recipe: Self.recipe).encode(image)
    }

    private func mirror(_ tensor: ImageTensor) -> ImageTensor {
        let values = (0..<tensor.channels * tensor.height).flatMap { row in
            (0..<tensor.width).reversed().map { tensor.values[row * tensor.width + $0] }
        }
        return ImageTensor(channels: tensor.channels, height: tensor.height, width: tensor.width, values: values)
    }

    func testEveryRowOfEveryImageIsReversed() {
        let batch = Tensor(shape: [2, 1, 2, 3], data: (0..<12).map(Float.init))
        XCTAssertEqual(StyleModel.mirroredLeftToRight(batch).data, [2, 1, 0, 5, 4, 3, 8, 7, 6, 11, 10, 9])
        XCTAssertEqual(StyleModel.mirroredLeftToRight(StyleModel.mirroredLeftToRight(batch)), batch)
    }

    func testTheViewsAreThePhotosAndTheirMirrorImages() throws {
        let model = try StyleModel.initial(config: .micro, recipe: Self.recipe, seed: 5)
        let photos = [photo(seed: 1), photo(seed: 2), photo(seed: 3)]
        let views = try model.predictBothViews(photos, embeddings: true)
        let direct = try model.predict(photos), mirrored = try model.predict(photos.map(mirror))
        for index in photos.indices {
            for setting in 0..<8 {
                XCTAssertEqual(views.direct[index][setting], direct[index][setting], accuracy: 1e-6)
                XCTAssertEqual(views.mirrored[index][setting], mirrored[index][setting], accuracy: 1e-6)
                XCTAssertEqual(views.mean[index][setting], (direct[index][setting] + mirrored[index][setting]) / 2, accuracy: 1e-6)
            }
        }
        // An untrained network answers a photo and its mirror image differently.
        XCTAssertGreaterThan(views.spread.min() ?? 0, 0)
        let embeddings = try model.embeddings(photos)
        XCTAssertEqual(views.embeddings.count, 3)
        for (a, b) in zip(views.embeddings.joined(), embeddings.joined()) { XCTAssertEqual(a, b, accuracy: 1e-5) }
    }

    func testEvaluateScoresWhatPredictWrites() throws {
        let model = try StyleModel.initial(config: .micro, recipe: Self.recipe, seed: 6)
        let images = (0..<6).map { TestImages.random(width: 32, height: 32, seed: UInt64(10 + $0)) }
        let labels = images.indices.map { TestImages.sample(images[$0], exposure: Float($0) / 10).label }
        let split = CaptureTimeSplit(training: [0, 1, 2, 3], validation: [4, 5], groups: [])
        let evaluation = try ModelEvaluation.run(model: model, images: images, labels: labels,
                                                 names: images.indices.map { "IMG_\($0).dng" }, split: split, imageSpace: false)
        let preprocessor = Preprocessor(recipe: Self.recipe)
        let views = try model.predictBothViews(split.validation.map { preprocessor.encode(images[$0]) })
        let space = LabelSpace(descriptors: model.descriptors)
        for (outcome, mean) in zip(evaluation.photos, views.mean) {
            let written = zip(mean, space.settings).map { Double($1.slider($0)) }
            for (scored, expected) in zip(outcome.prediction, written) { XCTAssertEqual(scored, expected, accuracy: 1e-4) }
        }
        // And not the photo as given alone.
        let single = try model.predict(split.validation.map { preprocessor.encode(images[$0]) })
        XCTAssertNotEqual(evaluation.photos[0].prediction,
                          zip(single[0], space.settings).map { Double($1.slider($0)) })
    }
}
