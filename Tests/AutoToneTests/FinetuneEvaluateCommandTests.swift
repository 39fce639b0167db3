import Foundation
import Training
import XCTest

/// `autotone finetune` then `autotone evaluate` through the built executable, on six of the
/// sample shoot's DNGs with a micro model and two short epochs.
final class FinetuneEvaluateCommandTests: XCTestCase {
    private func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("finetune-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }

    private func object(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    func testFinetuneThenEvaluateOnSampleDNGs() throws {
        let folder = try scratch()
        let photos = (1...6).map { String(format: "SampleRAWs/shoot/IMG_%04d.dng", $0) } + ["SampleRAWs/shoot/IMG_0021.dng"]
        let weights = folder.appendingPathComponent("style.safetensors").path
        let cache = folder.appendingPathComponent("cache").path
        let tuned = try CommandRunner.run(["finetune"] + photos + [
            "--out", weights, "--from-scratch", "--config", "micro", "--epochs", "2", "--batch-size", "4",
            "--augment-copies", "1", "--validation-fraction", "0.34", "--seed", "7", "--cache-dir", cache, "--json"])
        XCTAssertEqual(tuned.status, 0, tuned.standardError)
        let result = try object(tuned.standardOutput)
        XCTAssertEqual(result["photos"] as? Int, 6)
        let skipped = try XCTUnwrap(result["skipped"] as? [[String: Any]])
        XCTAssertEqual(skipped.first?["reason"] as? String, "no label: the DNG has no embedded XMP")
        let record = try XCTUnwrap(result["record"] as? [String: Any])
        XCTAssertEqual(record["splitSeed"] as? Int, 7)
        XCTAssertEqual(record["settings"] as? [String], ["Exposure2012", "Contrast2012", "Highlights2012", "Shadows2012",
                                                          "Whites2012", "Blacks2012", "Vibrance", "Saturation"])
        let validationPhotos = try XCTUnwrap(record["validationPhotos"] as? [String])
        XCTAssertEqual(validationPhotos.count + (record["trainingPhotos"] as? [String] ?? []).count, 6)
        XCTAssertEqual((result["history"] as? [Any])?.count, 2)
        XCTAssertNotNil(record["validation"] as? [String: Any], "validation figures are recorded")
        XCTAssertTrue(FileManager.default.fileExists(atPath: weights + ".training/loss.svg"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: weights + ".training/loss.csv"))

        let report = folder.appendingPathComponent("report").path
        let evaluated = try CommandRunner.run(["evaluate"] + photos + ["--weights", weights, "--cache-dir", cache,
                                                                       "--json", "--report", report])
        XCTAssertEqual(evaluated.status, 0, evaluated.standardError)
        let evaluation = try object(evaluated.standardOutput)
        XCTAssertEqual(evaluation["validationPhotos"] as? [String], validationPhotos, "the split recorded at finetune")
        XCTAssertEqual(evaluation["splitSeed"] as? Int, 7)
        let comparison = try XCTUnwrap((evaluation["evaluation"] as? [String: Any])?["comparison"] as? [String: Any])
        let baselines = try XCTUnwrap(comparison["baselines"] as? [[String: Any]])
        XCTAssertEqual(baselines.map { $0["name"] as? String }, ["mean", "guesser", "nearest neighbour"])
        // The image-space error, for the model and every baseline.
        let modelDeltaE = try XCTUnwrap((comparison["model"] as? [String: Any])?["meanDeltaE"] as? Double)
        XCTAssertGreaterThan(modelDeltaE, 0)
        for baseline in baselines {
            XCTAssertNotNil((baseline["metrics"] as? [String: Any])?["meanDeltaE"] as? Double, "\(baseline)")
        }
        let html = try String(contentsOfFile: report + "/index.html", encoding: .utf8)
        XCTAssertTrue(html.contains("<svg") && html.contains("Predicted against true") && html.contains("thumbnails/01-"))
        XCTAssertTrue(html.contains("ΔE image") && html.contains(String(format: "%.2f", modelDeltaE)))
        let thumbnails = try FileManager.default.contentsOfDirectory(atPath: report + "/thumbnails")
        XCTAssertEqual(thumbnails.count, validationPhotos.count)

        let table = try CommandRunner.run(["evaluate"] + photos + ["--weights", weights, "--cache-dir", cache])
        XCTAssertEqual(table.status, 0, table.standardError)
        XCTAssertTrue(table.standardOutput.contains("nearest neighbour") && table.standardOutput.contains("Exposure2012"),
                      table.standardOutput)
        XCTAssertTrue(table.standardOutput.contains("ΔE image"), table.standardOutput)
    }

    func testFinetuneSaysWhatToDoWithoutShippedWeightsAndRefusesTooFewEdits() throws {
        let folder = try scratch()
        let out = folder.appendingPathComponent("x.safetensors").path
        // Only where the shipped weights cannot be found (an install without Weights/).
        if ShippedWeights.locate(executable: CommandRunner.executable, environment: [:], currentDirectory: folder) == nil {
            let noWeights = try CommandRunner.run(["finetune", "SampleRAWs/shoot", "--out", out], in: folder)
            XCTAssertEqual(noWeights.status, 1)
            XCTAssertTrue(noWeights.standardError.contains("are not installed yet: pass --init FILE"), noWeights.standardError)
        }

        let few = try CommandRunner.run(["finetune", "SampleRAWs/shoot/IMG_0001.dng", "SampleRAWs/shoot/IMG_0002.dng",
                                         "SampleRAWs/shoot/IMG_0022.dng", "--out", out, "--from-scratch", "--config", "micro"])
        XCTAssertEqual(few.status, 1)
        XCTAssertTrue(few.standardError.contains("2 labelled photos found, at least 4 needed"), few.standardError)
        XCTAssertTrue(few.standardError.contains("no label: the DNG has no embedded XMP"), few.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))

        let badInit = try CommandRunner.run(["finetune", "SampleRAWs/shoot", "--out", out, "--init", "no/such.safetensors"])
        XCTAssertEqual(badInit.status, 1)
        XCTAssertTrue(badInit.standardError.contains("no/such.safetensors"), badInit.standardError)
    }
}
