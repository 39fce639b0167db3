// Parity with the independent numpy reference (Scripts/reference_vit.py) on a Hugging Face-named model.
import Foundation
import Tensor
import ViT
import XCTest

final class GoldenParityTests: XCTestCase {
    struct Golden: Decodable {
        struct Config: Decodable { let image, patch, channels, dim, depth, heads, mlp, outputs, batch: Int; let eps: Double }
        let config: Config
        let outputs: [[Double]]
        let embeddings: [[Double]]
    }

    func golden() throws -> Golden {
        try JSONDecoder().decode(Golden.self, from: Data(contentsOf: goldenURL("golden-vit.json")))
    }

    /// The reference's fixed inputs: x[k] = Float(sin(0.0137 k)·(1 + 0.5 cos(0.00071 k))).
    func fixedInput(_ g: Golden) -> Tensor {
        let c = g.config
        let shape = [c.batch, c.channels, c.image, c.image]
        let data = (0..<Tensor.count(of: shape)).map { k -> Float in
            let x = Double(k)
            return Float(sin(0.0137 * x) * (1 + 0.5 * cos(0.00071 * x)))
        }
        return Tensor(shape: shape, data: data)
    }

    func options(_ g: Golden) -> ForeignWeightsOptions {
        ForeignWeightsOptions(outputs: Array(eightOutputs.prefix(g.config.outputs)), heads: g.config.heads, seed: 5)
    }

    func testMatchesNumpyReference() throws {
        let g = try golden()
        let loaded = try ModelFile.load(url: goldenURL("golden-vit.safetensors"), foreign: options(g))
        XCTAssertEqual(loaded.source, .huggingFace)
        let model = loaded.model
        XCTAssertEqual(model.config, ViTConfig(imageSize: g.config.image, patchSize: g.config.patch, channels: g.config.channels,
                                               dim: g.config.dim, depth: g.config.depth, heads: g.config.heads,
                                               mlpDim: g.config.mlp, layerNormEps: g.config.eps))
        let input = fixedInput(g)
        let embeddings = try model.embedding(batch: input)
        for (swift, numpy) in zip(embeddings, g.embeddings) {
            for (a, b) in zip(swift, numpy) { XCTAssertEqual(Double(a), b, accuracy: 1e-4) }
        }
        // Our head is fresh; give it the reference classifier to compare the tanh outputs too.
        let file = try SafeTensorsFile.read(url: goldenURL("golden-vit.safetensors"))
        let net = model.network
        net.parameters.set(net.slots.headWeight, file.tensors["classifier.weight"]!.tensor.data)
        net.parameters.set(net.slots.headBias, file.tensors["classifier.bias"]!.tensor.data)
        let outputs = try model.predict(batch: input)
        XCTAssertEqual(outputs.count, g.config.batch)
        for (swift, numpy) in zip(outputs, g.outputs) {
            XCTAssertEqual(swift.count, numpy.count)
            for (a, b) in zip(swift, numpy) { XCTAssertEqual(Double(a), b, accuracy: 1e-4) }
        }
        // Batch 1 gives the same as batch 2.
        let single = try model.predict(batch: Tensor(shape: [1] + input.shape.dropFirst(),
                                                      data: Array(input.data[..<model.config.inputCount])))
        for (a, b) in zip(single[0], outputs[0]) { XCTAssertEqual(a, b, accuracy: 1e-5) }
    }

    /// `ViTModel` names without the `vit.` prefix, with a pooler and in F16, load too.
    func testHuggingFaceVariantsLoad() throws {
        let g = try golden()
        var file = try SafeTensorsFile.read(url: goldenURL("golden-vit.safetensors"))
        var renamed: [String: SafeTensorsEntry] = [:]
        for (name, var entry) in file.tensors where !name.hasPrefix("classifier.") {
            entry.dtype = .f16
            renamed[String(name.dropFirst("vit.".count))] = entry
        }
        renamed["pooler.dense.weight"] = SafeTensorsEntry(tensor: Tensor(zeros: [g.config.dim, g.config.dim]), dtype: .f32)
        renamed["pooler.dense.bias"] = SafeTensorsEntry(tensor: Tensor(zeros: [g.config.dim]), dtype: .f32)
        file.tensors = renamed
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("vit-model-f16.safetensors")
        try file.write(url: url)
        let model = try ModelFile.load(url: url, foreign: options(g)).model
        let embeddings = try model.embedding(batch: fixedInput(g))
        for (swift, numpy) in zip(embeddings, g.embeddings) {
            for (a, b) in zip(swift, numpy) { XCTAssertEqual(Double(a), b, accuracy: 0.05, "F16 weights stay close") }
        }
        // Without outputs the loader says what it needs; an unknown tensor is named.
        XCTAssertThrowsError(try ModelFile.load(url: url)) { error in
            XCTAssertEqual(error as? ModelFileError, .needsOutputs(path: url.path))
        }
        file.tensors["encoder.layer.0.attention.attention.extra.weight"] = file.tensors["layernorm.bias"]
        XCTAssertThrowsError(try ModelFile.load(file, path: "p", foreign: options(g))) { error in
            XCTAssertEqual(error as? ModelFileError, .unexpectedTensors(path: "p", names: ["encoder.layer.0.attention.attention.extra.weight"]))
        }
        file.tensors["encoder.layer.0.attention.attention.extra.weight"] = nil
        file.tensors["encoder.layer.1.attention.attention.key.weight"] = SafeTensorsEntry(tensor: Tensor(zeros: [3, 3]), dtype: .f32)
        XCTAssertThrowsError(try ModelFile.load(file, path: "p", foreign: options(g))) { error in
            XCTAssertEqual(error as? ModelFileError, .shapeMismatch(path: "p", tensor: "encoder.layer.1.attention.attention.key.weight",
                                                                    expected: [16, 16], found: [3, 3]))
        }
    }
}
