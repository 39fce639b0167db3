import Foundation
import ImageIO
import Tensor
import XCTest
import XMP
@testable import Training

final class StyleModelTests: XCTestCase {
    private static let microRecipe = PreprocessRecipe(inputSize: 32, mean: [0.4, 0.5, 0.6], std: [0.2, 0.25, 0.3])

    private func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("style-model-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }

    private func input(_ value: Float) -> ImageTensor {
        ImageTensor(channels: 3, height: 32, width: 32, values: (0..<(3 * 32 * 32)).map { Float($0 % 7) * value })
    }

    func testSaveAndLoadKeepRecipeSettingsAndPredictions() throws {
        let model = try StyleModel.initial(config: .micro, recipe: Self.microRecipe, name: "test", seed: 3)
        model.learntFromHDREdits = true
        let before = try model.predict([input(0.1), input(-0.2)])
        let url = try scratch().appendingPathComponent("model.safetensors")
        try model.save(to: url)
        XCTAssertTrue(model.identity.hasPrefix("model@"), model.identity)

        let loaded = try StyleModel.load(url)
        XCTAssertEqual(loaded.recipe, Self.microRecipe)
        XCTAssertEqual(loaded.descriptors, SettingDescriptor.standard)
        XCTAssertTrue(loaded.learntFromHDREdits)
        XCTAssertEqual(loaded.identity, model.identity)
        XCTAssertEqual(try loaded.predict([input(0.1), input(-0.2)]), before)
        XCTAssertEqual(before.count, 2)
        XCTAssertEqual(before[0].count, 8)
        XCTAssertTrue(before.joined().allSatisfy { $0 > -1 && $0 < 1 })
    }

    func testIdentityChangesWithTheWeights() throws {
        let folder = try scratch()
        let a = try StyleModel.initial(config: .micro, recipe: Self.microRecipe, seed: 1)
        let b = try StyleModel.initial(config: .micro, recipe: Self.microRecipe, seed: 2)
        try a.save(to: folder.appendingPathComponent("same.safetensors"))
        let first = a.identity
        try b.save(to: folder.appendingPathComponent("same.safetensors"))
        XCTAssertNotEqual(b.identity, first)
    }

    func testSettingsAreDataStoredWithTheModel() throws {
        // A model predicting a setting the standard list lacks still loads: its descriptor is stored.
        let temperature = SettingDescriptor.slider("Tint", range: 150)
        let descriptors = [SettingDescriptor.exposure2012, temperature]
        let model = try StyleModel.initial(config: .micro, descriptors: descriptors, recipe: Self.microRecipe, seed: 4)
        let url = try scratch().appendingPathComponent("tint.safetensors")
        try model.save(to: url)
        XCTAssertEqual(try StyleModel.load(url).descriptors, descriptors)
    }

    func testMismatchedInputSizeIsRefused() throws {
        XCTAssertThrowsError(try StyleModel.initial(config: .micro, recipe: .vitDefault, seed: 1)) { error in
            guard case StyleModelError.badRecipe = error else { return XCTFail("got \(error)") }
        }
    }

    func testHuggingFaceCheckpointLoadsWithAFreshHead() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("Golden/ViT/golden-vit.safetensors")
        let golden = try XCTUnwrap(JSONSerialization.jsonObject(
            with: Data(contentsOf: root.appendingPathComponent("Golden/ViT/golden-vit.json"))) as? [String: Any])
        let config = try XCTUnwrap(golden["config"] as? [String: Any])
        var recipe = PreprocessRecipe.vitDefault
        recipe.inputSize = try XCTUnwrap(config["image"] as? Int)
        let heads = try XCTUnwrap(config["heads"] as? Int)
        let model = try StyleModel.load(url, recipe: recipe, heads: heads)
        XCTAssertEqual(model.descriptors, SettingDescriptor.standard)
        XCTAssertEqual(model.network.provenance["base"], "golden-vit.safetensors")
        XCTAssertEqual(model.network.outputs.count, 8, "the classifier is replaced by an 8-output head")
    }
}
