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
            "--out", weights, "--learner", "gradient", "--from-scratch", "--config", "micro", "--epochs", "2", "--batch-size", "4",
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
        XCTAssertEqual(baselines.map { $0["name"] as? String }, ["mean", "guesser", "nearest neighbour", "ridge (image stats)"])
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

        // Without --weights, as predict: the shipped model.
        let shipped = try CommandRunner.run(["evaluate"] + photos + ["--cache-dir", cache, "--json"])
        XCTAssertEqual(shipped.status, 0, shipped.standardError)
        let shippedWeights = try XCTUnwrap(try object(shipped.standardOutput)["weights"] as? String)
        XCTAssertTrue(shippedWeights.hasSuffix("Weights/autotone-vit-tiny.safetensors"), shippedWeights)
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
                                         "SampleRAWs/shoot/IMG_0022.dng", "--out", out, "--learner", "gradient",
                                         "--from-scratch", "--config", "micro"])
        XCTAssertEqual(few.status, 1)
        XCTAssertTrue(few.standardError.contains("2 labelled photos found, at least 4 needed"), few.standardError)
        XCTAssertTrue(few.standardError.contains("no label: the DNG has no embedded XMP"), few.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))

        let badInit = try CommandRunner.run(["finetune", "SampleRAWs/shoot", "--out", out, "--init", "no/such.safetensors"])
        XCTAssertEqual(badInit.status, 1)
        XCTAssertTrue(badInit.standardError.contains("no/such.safetensors"), badInit.standardError)

        // Training-loop options mean nothing to the closed-form learner: a usage error, at once.
        let loopOption = try CommandRunner.run(["finetune", "SampleRAWs/shoot", "--out", out, "--epochs", "3"])
        XCTAssertEqual(loopOption.status, 2, loopOption.standardError)
        XCTAssertTrue(loopOption.standardError.contains("--epochs applies to --learner gradient"), loopOption.standardError)
        // Bad values of the training options are usage errors at parse time, before any photo is read.
        for (option, value, says) in [("--freeze", "bogus", "'bogus' is invalid for '--freeze"),
                                      ("--smoothing", "moving-average:4", "'moving-average:4' is invalid for '--smoothing"),
                                      ("--config", "huge", "--config must be one of base, micro, small, tiny")] {
            let bad = try CommandRunner.run(["finetune", "SampleRAWs/shoot", "--out", out, "--learner", "gradient", option, value])
            XCTAssertEqual(bad.status, 2, "\(option) \(value): \(bad.standardError)")
            XCTAssertTrue(bad.standardError.contains(says), bad.standardError)
        }
    }

    /// The default learner on the sample shoot with the shipped weights: no options, a head chosen
    /// by cross-validation and reported, then predict ranks by the learner's confidence and
    /// evaluate cross-validates the same learner.
    func testClosedFormFinetuneOnTheSampleShootThenPredictAndEvaluate() throws {
        guard ShippedWeights.locate(executable: CommandRunner.executable, environment: [:],
                                    currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) != nil else {
            throw XCTSkip("the shipped weights are not installed")
        }
        let folder = try scratch()
        let weights = folder.appendingPathComponent("my.safetensors").path
        let cache = folder.appendingPathComponent("cache").path
        // Eight of the edits keep the debug build's forward passes and renderings few.
        let eight = (1...8).map { String(format: "SampleRAWs/shoot/IMG_%04d.dng", $0) }
        let json = try CommandRunner.run(["finetune"] + eight + ["--out", weights, "--cache-dir", cache,
                                          "--validation-fraction", "0.4", "--json"])
        XCTAssertEqual(json.status, 0, json.standardError)
        let result = try object(json.standardOutput)
        let record = try XCTUnwrap(result["record"] as? [String: Any])
        XCTAssertEqual(record["learner"] as? String, "closed-form")
        let closedForm = try XCTUnwrap(record["closedForm"] as? [String: Any])
        XCTAssertEqual((closedForm["settings"] as? [Any])?.count, 8)
        let evaluation = try XCTUnwrap(result["evaluation"] as? [String: Any])
        let photos = try XCTUnwrap(evaluation["photos"] as? [[String: Any]])
        XCTAssertFalse(photos.isEmpty)
        XCTAssertTrue(photos.allSatisfy { ($0["confidence"] as? Double).map { $0 > 0 && $0 <= 1 } ?? false })
        if photos.count >= 3 { XCTAssertNotNil(evaluation["confidenceErrorCorrelation"] as? Double) }

        let predicted = try CommandRunner.run(["predict", "SampleRAWs/shoot", "--weights", weights, "--dng-sidecars",
                                               "--dry-run", "--json"])
        XCTAssertEqual(predicted.status, 0, predicted.standardError)
        let confidences = predicted.standardOutput.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["confidence"] as? Double
        }
        XCTAssertEqual(confidences.count, 4, "the four unedited DNGs")
        XCTAssertGreaterThan(Set(confidences).count, 1, "the learner's confidence differs from photo to photo")

        // One family alone, single best: recorded, and nothing else is chosen.
        let small = folder.appendingPathComponent("small.safetensors").path
        let text = try CommandRunner.run(["finetune"] + eight + ["--out", small, "--cache-dir", cache,
                                          "--family", "offset", "--no-ensemble"])
        XCTAssertEqual(text.status, 0, text.standardError)
        XCTAssertTrue(text.standardOutput.contains("learnt in closed form from 8 edits"), text.standardOutput)
        XCTAssertTrue(text.standardOutput.contains("chosen ÷ mean"), text.standardOutput)
        for setting in ["Exposure2012", "Saturation"] { XCTAssertTrue(text.standardOutput.contains(setting)) }
        let offsetReport = try XCTUnwrap(LearnedHead.report(in: try StyleModel.load(URL(fileURLWithPath: small))))
        XCTAssertEqual(offsetReport.families, ["mean", "neutral + offset"])
        XCTAssertEqual(offsetReport.ensembles, false)
        XCTAssertTrue(Set(offsetReport.settings.map(\.family)).isSubset(of: ["mean", "neutral + offset"]), "\(offsetReport.settings)")
        let wrongLearner = try CommandRunner.run(["finetune", "SampleRAWs/shoot", "--out", weights, "--learner", "gradient",
                                                  "--family", "ridge"])
        XCTAssertEqual(wrongLearner.status, 2, wrongLearner.standardError)

        let crossValidated = try CommandRunner.run(["evaluate"] + eight + ["--weights", small, "--cache-dir", cache,
                                                    "--cross-validate", "2"])
        XCTAssertEqual(crossValidated.status, 0, crossValidated.standardError)
        XCTAssertTrue(crossValidated.standardOutput.contains("ridge (image stats) MSE"), crossValidated.standardOutput)

        // Learnt from every edit, so no photo is unseen: evaluate refits the learner on the
        // training side instead of scoring photos it learnt from; with a held-out split, not.
        let refitted = try CommandRunner.run(["evaluate"] + eight + ["--weights", small, "--cache-dir", cache, "--json"])
        XCTAssertEqual(refitted.status, 0, refitted.standardError)
        XCTAssertEqual(try object(refitted.standardOutput)["refitted"] as? Bool, true)
        let heldOut = try CommandRunner.run(["evaluate"] + eight + ["--weights", weights, "--cache-dir", cache, "--json"])
        XCTAssertEqual(heldOut.status, 0, heldOut.standardError)
        XCTAssertEqual(try object(heldOut.standardOutput)["refitted"] as? Bool, false)
    }
}
