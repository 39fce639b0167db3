// Saving and loading weights: round trips, resuming AdamW, and an exact error for each bad file.
import Foundation
import Tensor
import ViT
import XCTest

final class ModelFileTests: XCTestCase {
    var dir: URL!
    override func setUpWithError() throws { dir = try temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    func makeModel(seed: UInt64 = 41) throws -> ViTModel {
        var rng = SeededGenerator(seed: seed)
        let recipe = ViTModel.preprocessingJSON(normalization: ChannelNormalization(mean: [0.5, 0.4, 0.3], std: [0.2, 0.25, 0.3]),
                                                extra: ["tone": "fixed"])
        return try ViTModel(config: .micro, outputs: eightOutputs, preprocessing: recipe,
                            provenance: ["base": "scratch", "photos": "16"], using: &rng)
    }

    func parameters(_ m: ViTModel) -> [Float] {
        Array(UnsafeBufferPointer(start: m.network.parameters.pointer, count: m.network.parameters.count))
    }

    func testRoundTripKeepsEverything() throws {
        let model = try makeModel()
        let url = dir.appendingPathComponent("m.safetensors")
        try ModelFile.save(model, to: url)
        let loaded = try ModelFile.load(url: url)
        XCTAssertEqual(loaded.source, .autotone)
        XCTAssertNil(loaded.optimizer)
        XCTAssertEqual(loaded.model.config, .micro)
        XCTAssertEqual(loaded.model.outputs, eightOutputs)
        XCTAssertEqual(loaded.model.preprocessing, model.preprocessing)
        XCTAssertEqual(loaded.model.provenance, ["base": "scratch", "photos": "16"])
        XCTAssertEqual(loaded.model.normalization, ChannelNormalization(mean: [0.5, 0.4, 0.3], std: [0.2, 0.25, 0.3]))
        XCTAssertEqual(parameters(loaded.model), parameters(model))
        var rng = SeededGenerator(seed: 1)
        let x = randomImages(3, .micro, &rng)
        XCTAssertEqual(try loaded.model.predict(batch: x), try model.predict(batch: x))
    }

    func testHalfPrecisionFilesLoadClose() throws {
        let model = try makeModel()
        var rng = SeededGenerator(seed: 2)
        let x = randomImages(2, .micro, &rng)
        let reference = try model.predict(batch: x)
        for dtype in [SafeTensorsDType.f16, .bf16] {
            let url = dir.appendingPathComponent("m-\(dtype.rawValue).safetensors")
            try ModelFile.save(model, to: url, dtype: dtype)
            let f32Size = Double(model.network.parameterCount * 4)
            let size = Double(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as! Int)
            XCTAssertLessThan(size, f32Size * 0.6, "16-bit weights take half the space")
            let loaded = try ModelFile.load(url: url)
            for (a, b) in zip(parameters(loaded.model), parameters(model)) {
                XCTAssertEqual(a, b, accuracy: abs(b) * (dtype == .f16 ? 1e-3 : 8e-3) + 1e-7)
            }
            for (ra, rb) in zip(try loaded.model.predict(batch: x), reference) {
                for (a, b) in zip(ra, rb) { XCTAssertEqual(a, b, accuracy: 2e-2) }
            }
        }
    }

    /// Train 3 steps, save with AdamW state, load, 3 more == 6 steps in one go, bit for bit.
    func testResumingFromACheckpointIsExact() throws {
        var rng = SeededGenerator(seed: 3)
        let x = randomImages(4, .micro, &rng)
        let t = (0..<4).map { i in (0..<8).map { Float($0 + i) / 20 - 0.3 } }
        func steps(_ m: ViTModel, _ opt: AdamW, _ range: Range<Int>) throws {
            var noise = SeededGenerator(seed: 77)
            for s in range { _ = try m.trainStep(batch: x, targets: t, optimizer: opt, learningRate: 1e-3 * Double(s + 1), using: &noise) }
        }
        let straight = try makeModel(), opt = straight.makeOptimizer()
        try steps(straight, opt, 0..<6)

        let first = try makeModel(), opt1 = first.makeOptimizer()
        try steps(first, opt1, 0..<3)
        let url = dir.appendingPathComponent("ckpt.safetensors")
        try ModelFile.save(first, optimizer: opt1, to: url)
        let resumed = try ModelFile.load(url: url)
        let opt2 = try XCTUnwrap(resumed.optimizer)
        XCTAssertEqual(opt2.step, 3)
        XCTAssertEqual(opt2.weightDecay, opt1.weightDecay)
        try steps(resumed.model, opt2, 3..<6)
        XCTAssertEqual(parameters(resumed.model), parameters(straight))
    }

    // MARK: Bad files

    func saved(_ edit: (inout SafeTensorsFile) -> Void) throws -> URL {
        let url = dir.appendingPathComponent("bad-\(UUID()).safetensors")
        try ModelFile.save(try makeModel(), optimizer: try makeModel().makeOptimizer(), to: url)
        var file = try SafeTensorsFile.read(url: url)
        edit(&file)
        try file.write(url: url)
        return url
    }

    func loadError(_ url: URL, file: StaticString = #filePath, line: UInt = #line) -> ModelFileError? {
        do {
            _ = try ModelFile.load(url: url)
            XCTFail("loaded a bad file", file: file, line: line)
        } catch let e as ModelFileError {
            XCTAssertTrue(e.description.contains(url.path), e.description, file: file, line: line)
            return e
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
        return nil
    }

    func testEachBadFileSaysWhatIsWrong() throws {
        var url = try saved { $0.tensors["blocks.1.mlp.fc2.bias"] = nil }
        XCTAssertEqual(loadError(url), .missingTensors(path: url.path, names: ["blocks.1.mlp.fc2.bias"]))

        url = try saved { $0.tensors["blocks.7.attn.qkv.bias"] = $0.tensors["norm.bias"] }
        XCTAssertEqual(loadError(url), .unexpectedTensors(path: url.path, names: ["blocks.7.attn.qkv.bias"]))

        url = try saved { $0.tensors["head.weight"]!.tensor = Tensor(zeros: [7, 16]) }
        XCTAssertEqual(loadError(url), .shapeMismatch(path: url.path, tensor: "head.weight", expected: [8, 16], found: [7, 16]))

        url = try saved { $0.tensors["pos_embed"]!.tensor.data[3] = .nan }
        guard case .safetensors(.nonFinite(_, "pos_embed", 3, _)) = loadError(url) else { return XCTFail("NaN") }

        url = try saved { $0.metadata["config"] = "{\"dim\": 16}" }
        guard case .badMetadata(_, "config", _) = loadError(url) else { return XCTFail("config") }

        url = try saved { $0.metadata["config"] = $0.metadata["config"]!.replacingOccurrences(of: "\"heads\":2", with: "\"heads\":3") }
        guard case .badMetadata(_, "config", _) = loadError(url) else { return XCTFail("config that does not validate") }

        url = try saved { $0.metadata["outputs"] = "[]" }
        guard case .badMetadata(_, "outputs", _) = loadError(url) else { return XCTFail("outputs") }

        url = try saved { $0.metadata["format"] = "autotone-vit/99" }
        guard case .badMetadata(_, "format", _) = loadError(url) else { return XCTFail("format") }

        url = try saved { $0.tensors["optimizer.v.norm.bias"] = nil }
        XCTAssertEqual(loadError(url), .missingTensors(path: url.path, names: ["optimizer.v.norm.bias"]))

        url = try saved { $0.tensors["optimizer.m.norm.bias"]!.dtype = .f16 }
        XCTAssertEqual(loadError(url), .wrongDType(path: url.path, tensor: "optimizer.m.norm.bias", expected: "F32", found: "F16"))

        url = try saved { $0.metadata = [:] }
        guard case .notAModel = loadError(url) else { return XCTFail("no metadata") }

        // Truncated at any point: an error, never a crash.
        let good = try saved { _ in }
        let bytes = try Data(contentsOf: good)
        for cut in [0, 7, 8, 100, bytes.count / 2, bytes.count - 1] {
            let u = dir.appendingPathComponent("cut-\(cut).safetensors")
            try bytes.prefix(cut).write(to: u)
            guard case .safetensors = loadError(u) else { return XCTFail("cut at \(cut)") }
        }
    }

    func testNormalizationAccessorReadsImageIOStyleRecipes() throws {
        let model = try makeModel()
        model.preprocessing = "{\"inputSize\":224,\"mean\":[0.5,0.5,0.5],\"std\":[0.5,0.5,0.5]}"
        XCTAssertEqual(model.normalization, ChannelNormalization(mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5]))
        model.preprocessing = "{}"
        XCTAssertNil(model.normalization)
        model.preprocessing = "not json"
        XCTAssertNil(model.normalization)
    }
}
