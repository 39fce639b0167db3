import Foundation
import XCTest

/// `autotone predict --weights BAD` stops before touching the shoot, with one line that names
/// the weights file and says what is wrong with it.
final class BadWeightsCommandTests: XCTestCase {
    private var folder: URL!
    private var good: URL!

    override func setUpWithError() throws {
        (folder, good) = try MicroModel.makeFolder(prefix: "bad-weights")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Each damaged file, with words its error message must contain.
    private func damagedFiles() throws -> [(name: String, data: Data, expected: [String])] {
        let bytes = try Data(contentsOf: good)
        let original = try WeightsFileSurgery(contentsOf: good)
        let bias = "blocks.0.norm1.bias", other = "blocks.0.norm1.weight", matrix = "blocks.0.attn.qkv.weight"
        var files: [(String, Data, [String])] = []
        func add(_ name: String, _ expected: [String], keepOffsets: Bool = false,
                 _ change: (inout WeightsFileSurgery) -> Void) throws {
            var surgery = original
            change(&surgery)
            files.append((name, try surgery.encoded(keepOffsets: keepOffsets), expected))
        }
        files.append(("empty", Data(), ["truncated"]))
        files.append(("truncated-in-header", bytes.prefix(200), ["header claims"]))
        files.append(("truncated-in-data", bytes.prefix(bytes.count - 100), ["outside"]))
        var huge = bytes
        huge.replaceSubrange(0..<8, with: [0, 0, 0, 0, 0, 1, 0, 0])
        files.append(("header-length-huge", huge, ["header claims", "lies about its length"]))
        files.append(("not-json", Data([4, 0, 0, 0, 0, 0, 0, 0]) + Data("{x:1".utf8), ["not a JSON object"]))
        try add("offsets-past-end", ["outside"], keepOffsets: true) {
            $0.setEntry(bias, "data_offsets", [0, 1 << 40])
        }
        try add("overlapping", ["overlap"], keepOffsets: true) {
            $0.setEntry(other, "data_offsets", $0.entry(bias)["data_offsets"]!)
        }
        try add("dtype-unknown", ["unsupported dtype I64"]) { $0.setEntry(bias, "dtype", "I64") }
        try add("dtype-wrong-size", ["F16", "needs"]) { $0.setEntry(bias, "dtype", "F16") }
        try add("shape-transposed", ["has shape", "expected"]) {
            let shape = $0.entry(matrix)["shape"] as! [Int]
            $0.setEntry(matrix, "shape", [shape[1], shape[0]])
        }
        try add("nan", ["element 3 is nan"]) { $0.data[bias]!.replaceSubrange(12..<16, with: [0, 0, 0xC0, 0x7F]) }
        try add("infinity", ["element 0 is inf"]) { $0.data[bias]!.replaceSubrange(0..<4, with: [0, 0, 0x80, 0x7F]) }
        try add("missing-tensor", ["missing tensors", bias]) { $0.remove(bias) }
        try add("config-lies", ["missing tensors"]) {
            // A width and depth whose parameters would need terabytes: refused from the tensors
            // the file holds, without allocating what the config claims.
            var metadata = $0.header["__metadata__"] as! [String: String]
            metadata["config"] = #"{"channels":3,"depth":1024,"dim":65536,"heads":1024,"imageSize":32,"#
                + #""layerNormEps":1e-06,"mlpDim":262144,"patchSize":16}"#
            $0.header["__metadata__"] = metadata
        }
        return files
    }

    func testEveryBadWeightsFileIsRefusedBeforeAnySidecarIsWritten() throws {
        let shoot = folder.appendingPathComponent("shoot")
        try FileManager.default.createDirectory(at: shoot, withIntermediateDirectories: true)
        let sample = CommandRunner.packageRoot.appendingPathComponent("SampleRAWs/shoot/IMG_0021.dng")
        try FileManager.default.copyItem(at: sample, to: shoot.appendingPathComponent("P_000.dng"))
        try FileManager.default.copyItem(at: sample, to: shoot.appendingPathComponent("P_001.dng"))
        let metadataOnly = CommandRunner.packageRoot.appendingPathComponent("Tests/Fixtures/XMP/unedited-metadata-only.xmp")
        try FileManager.default.copyItem(at: metadataOnly, to: shoot.appendingPathComponent("P_001.xmp"))
        let before = try PredictCommandTests.snapshot(shoot)

        var cases = try damagedFiles()
        let directory = folder.appendingPathComponent("folder.safetensors")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        cases.append(("folder", Data(), ["not a regular file"]))
        for (name, data, expected) in cases {
            let weights = name == "folder" ? directory : folder.appendingPathComponent(name + ".safetensors")
            if name != "folder" { try data.write(to: weights) }
            let result = try CommandRunner.run(["predict", shoot.path, "--weights", weights.path, "--dng-sidecars"])
            XCTAssertEqual(result.status, 2, "\(name): \(result.standardError)")
            let message = result.standardError
            XCTAssertTrue(message.contains(weights.path), "\(name): the message names the file: \(message)")
            for words in expected {
                XCTAssertTrue(message.lowercased().contains(words.lowercased()), "\(name): expected '\(words)' in: \(message)")
            }
            XCTAssertEqual(message.split(separator: "\n").count, 1, "\(name): one line: \(message)")
            XCTAssertEqual(try PredictCommandTests.snapshot(shoot), before, "\(name): the shoot changed")
        }
        // The same shoot with the undamaged file does get its sidecars: the refusals above were
        // about the weights.
        let fine = try CommandRunner.run(["predict", shoot.path, "--weights", good.path, "--dng-sidecars"])
        XCTAssertTrue(fine.standardOutput.contains("1 created"), fine.standardOutput + fine.standardError)
        XCTAssertTrue(FileManager.default.fileExists(atPath: shoot.appendingPathComponent("P_000.xmp").path))
    }
}
