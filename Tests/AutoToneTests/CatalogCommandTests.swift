import CatalogTestSupport
import Foundation
import XCTest
@testable import Training

/// `--catalog` on finetune, evaluate and inspect: a shoot whose edits live only in Lightroom's
/// catalog is learnt from, and the catalog is never changed.
final class CatalogCommandTests: XCTestCase {
    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-command-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testAShootEditedOnlyInTheCatalogFinetunesEvaluatesAndInspects() throws {
        guard ShippedWeights.locate(executable: CommandRunner.executable, environment: [:],
                                    currentDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) != nil else {
            throw XCTSkip("the shipped weights are not installed")
        }
        let folder = try scratch()
        let shoot = folder.appendingPathComponent("shoot")
        try FileManager.default.createDirectory(at: shoot, withIntermediateDirectories: true)
        // The sample shoot's four unedited DNGs (no embedded XMP), taken at different moments:
        // their edits are only in the catalog.
        var photos: [[String: Any]] = []
        for index in 1...4 {
            let name = String(format: "IMG_%04d.dng", 20 + index)
            try FileManager.default.copyItem(at: CommandRunner.packageRoot.appendingPathComponent("SampleRAWs/shoot/" + name),
                                             to: shoot.appendingPathComponent(name))
            photos.append(["folder": "shoot/", "file": name,
                           "develop": ["Exposure2012": 0.1 * Double(index), "Contrast2012": 5 * index, "Vibrance": 10,
                                       "ProcessVersion": "15.4", "ToneCurvePV2012": [0, 0, 255, 255]]])
        }
        let lightroom = folder.appendingPathComponent("Lightroom")
        try FileManager.default.createDirectory(at: lightroom, withIntermediateDirectories: true)
        let catalog = lightroom.appendingPathComponent("Lightroom Catalog.lrcat")
        try TestCatalog.make(["roots": [["absolutePath": folder.path + "/"]], "photos": photos], at: catalog)
        let before = try TestCatalog.fingerprint(catalog)
        let weights = folder.appendingPathComponent("style.safetensors").path
        let cache = folder.appendingPathComponent("cache").path

        let withoutCatalog = try CommandRunner.run(["finetune", shoot.path, "--out", weights, "--cache-dir", cache])
        XCTAssertEqual(withoutCatalog.status, 1, "no sidecars: nothing to learn from")

        let trained = try CommandRunner.run(["finetune", shoot.path, "--catalog", catalog.path, "--out", weights,
                                             "--cache-dir", cache])
        XCTAssertEqual(trained.status, 0, trained.standardError)
        XCTAssertTrue(trained.standardOutput.contains("from 4 edits"), trained.standardOutput)
        XCTAssertEqual(try TestCatalog.fingerprint(catalog), before, "finetune left the catalog as it was")

        let evaluated = try CommandRunner.run(["evaluate", shoot.path, "--catalog", catalog.path, "--weights", weights,
                                               "--cache-dir", cache, "--json"])
        XCTAssertEqual(evaluated.status, 0, evaluated.standardError)
        XCTAssertEqual(try TestCatalog.fingerprint(catalog), before, "evaluate left the catalog as it was")

        let inspected = try CommandRunner.run(["inspect", shoot.appendingPathComponent("IMG_0023.dng").path,
                                               "--catalog", catalog.path])
        XCTAssertEqual(inspected.status, 0, inspected.standardError)
        XCTAssertTrue(inspected.standardOutput.contains("catalog       \(catalog.path) (image "), inspected.standardOutput)
        XCTAssertTrue(inspected.standardOutput.contains("Exposure2012 +0.30, Contrast2012 +15, Vibrance +10"), inspected.standardOutput)
        let json = try CommandRunner.run(["inspect", shoot.appendingPathComponent("IMG_0023.dng").path, "--catalog", catalog.path, "--json"])
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let inCatalog = try XCTUnwrap(object["catalog"] as? [String: Any])
        XCTAssertEqual(inCatalog["isLabel"] as? Bool, true)
        XCTAssertEqual((inCatalog["settings"] as? [String: Any])?["Contrast2012"] as? Double, 15)
        XCTAssertEqual(try TestCatalog.fingerprint(catalog), before, "inspect left the catalog as it was")

        // A bad catalog is one line naming it, before any work.
        let notACatalog = folder.appendingPathComponent("notes.lrcat")
        try Data("hello".utf8).write(to: notACatalog)
        for command in [["finetune", shoot.path, "--out", folder.appendingPathComponent("x.safetensors").path],
                        ["evaluate", shoot.path, "--weights", weights], ["inspect", shoot.appendingPathComponent("IMG_0021.dng").path]] {
            let refused = try CommandRunner.run(command + ["--catalog", notACatalog.path])
            XCTAssertEqual(refused.status, 1, command[0])
            XCTAssertEqual(refused.standardError, "autotone: \(notACatalog.path): not a Lightroom catalog (the file is not an SQLite database; a .lrcat is one)\n",
                           command[0])
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.safetensors").path))
    }
}
