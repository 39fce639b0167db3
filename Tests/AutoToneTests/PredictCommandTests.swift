import Foundation
import ImageIO
import Training
import XCTest
import XMP

/// `autotone predict` as a user runs it: JSON records, exit statuses, interruptions.
final class PredictCommandTests: XCTestCase {
    private var folder: URL!
    private var weights: URL!

    override func setUpWithError() throws {
        (folder, weights) = try MicroModel.makeFolder(prefix: "predict")
    }

    override func tearDownWithError() throws {
        _ = try? CommandRunner.run(["chmod", "-R", "u+w", folder.path], executable: URL(fileURLWithPath: "/bin/chmod"))
        try? FileManager.default.removeItem(at: folder)
    }

    /// `count` copies of sample DNGs (small, quick to decode) in `shoot/`.
    private func makeShoot(_ count: Int, in name: String = "shoot") throws -> URL {
        let shoot = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: shoot, withIntermediateDirectories: true)
        let sample = CommandRunner.packageRoot.appendingPathComponent("SampleRAWs/shoot/IMG_0021.dng")
        for index in 0..<count {
            try FileManager.default.copyItem(at: sample, to: shoot.appendingPathComponent(String(format: "P_%03d.dng", index)))
        }
        return shoot
    }

    private func records(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    func testJSONRecordsHaveTheDocumentedShape() throws {
        let shoot = try makeShoot(2)
        try Data("x".utf8).write(to: shoot.appendingPathComponent("broken.dng"))
        let result = try CommandRunner.run(["predict", shoot.path, "--weights", weights.path, "--dng-sidecars", "--json"])
        XCTAssertEqual(result.status, 1, "a broken photo fails the run: \(result.standardError)")
        let all = try records(result.standardOutput)
        XCTAssertEqual(all.count, 3)
        for record in all {
            XCTAssertNotNil(record["path"] as? String)
            XCTAssertNotNil(record["outcome"] as? String)
            XCTAssertNotNil(record["warnings"] as? [String])
            let timings = try XCTUnwrap(record["timings"] as? [String: Double])
            XCTAssertEqual(Set(timings.keys), ["decode", "predict", "write"])
        }
        let created = all.filter { $0["outcome"] as? String == "created" }
        XCTAssertEqual(created.count, 2)
        for record in created {
            let settings = try XCTUnwrap(record["settings"] as? [String: Double])
            XCTAssertEqual(Set(settings.keys), Set(SettingDescriptor.standard.map(\.name)))
            let confidence = try XCTUnwrap(record["confidence"] as? Double)
            XCTAssertTrue((0...1).contains(confidence))
            let sidecar = URL(fileURLWithPath: try XCTUnwrap(record["sidecar"] as? String))
            XCTAssertEqual(try XMPReader().read(contentsOf: sidecar).settings.valuesByName, settings)
        }
        let failed = try XCTUnwrap(all.first { $0["outcome"] as? String == "failed" })
        XCTAssertTrue((failed["reason"] as? String)?.contains("broken.dng") ?? false)
        XCTAssertTrue(result.standardError.contains("2 created"), result.standardError)
    }

    func testExitStatuses() throws {
        let shoot = try makeShoot(1)
        let ok = try CommandRunner.run(["predict", shoot.path, "--weights", weights.path, "--dng-sidecars"])
        XCTAssertEqual(ok.status, 0, ok.standardError)
        XCTAssertTrue(ok.standardOutput.contains("1 created"), ok.standardOutput)
        let again = try CommandRunner.run(["predict", shoot.path, "--weights", weights.path, "--dng-sidecars"])
        XCTAssertEqual(again.status, 0, "skips are not failures")
        XCTAssertTrue(again.standardOutput.contains("1 skipped"), again.standardOutput)
        XCTAssertEqual(try CommandRunner.run(["predict", shoot.path, "--weights", weights.path, "--jobs", "0"]).status, 2)
        XCTAssertEqual(try CommandRunner.run(["predict", shoot.path, "--bogus-flag"]).status, 2)
        let missing = try CommandRunner.run(["predict", shoot.path, "--weights", folder.appendingPathComponent("none.safetensors").path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.standardError.contains("none.safetensors"), missing.standardError)
    }

    func testReadOnlySubfolderFailsWithAClearReasonAndNothingElseChanges() throws {
        let shoot = try makeShoot(1)
        let locked = try makeShoot(1, in: "shoot/locked")
        let before = try Self.snapshot(folder)
        XCTAssertEqual(chmod(locked.path, 0o555), 0)
        // Root ignores permissions, so run as nobody when the tests run as root.
        var arguments = ["predict", shoot.path, "--recursive", "--weights", weights.path, "--dng-sidecars", "--json"]
        var executable = CommandRunner.executable
        if geteuid() == 0 {
            for writable in [folder!, shoot] { XCTAssertEqual(chmod(writable.path, 0o777), 0) }
            for case let file as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)! {
                _ = chmod(file.path, file.hasDirectoryPath ? (file.path == locked.path ? 0o555 : 0o777) : 0o644)
            }
            arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", executable.path] + arguments
            executable = URL(fileURLWithPath: "/usr/bin/setpriv")
        }
        let result = try CommandRunner.run(arguments, executable: executable)
        XCTAssertEqual(result.status, 1, result.standardError)
        let all = try records(result.standardOutput)
        let byName = Dictionary(uniqueKeysWithValues: all.map { (($0["path"] as? String ?? "").replacingOccurrences(of: folder.path + "/", with: ""), $0) })
        XCTAssertEqual(byName["shoot/P_000.dng"]?["outcome"] as? String, "created")
        XCTAssertEqual(byName["shoot/locked/P_000.dng"]?["outcome"] as? String, "failed")
        XCTAssertTrue((byName["shoot/locked/P_000.dng"]?["reason"] as? String)?.contains("not writable") ?? false,
                      "\(String(describing: byName["shoot/locked/P_000.dng"]))")
        let after = try Self.snapshot(folder)
        XCTAssertEqual(Set(after.keys).subtracting(before.keys), ["shoot/P_000.xmp"])
        for (name, data) in before { XCTAssertEqual(after[name], data, "\(name) changed") }
    }

    /// Ctrl-C stops the run cleanly; SIGKILL at any moment leaves no half-written sidecar.
    func testInterruptedRunsLeaveEverySidecarWholeOrUntouched() throws {
        let shoot = try makeShoot(12)
        // Half the photos carry a metadata-only sidecar, so merges are interrupted too.
        let metadataOnly = CommandRunner.packageRoot.appendingPathComponent("Tests/Fixtures/XMP/unedited-metadata-only.xmp")
        let original = try Data(contentsOf: metadataOnly)
        for index in stride(from: 0, to: 12, by: 2) {
            try original.write(to: shoot.appendingPathComponent(String(format: "P_%03d.xmp", index)))
        }
        let arguments = ["predict", shoot.path, "--weights", weights.path, "--dng-sidecars", "--json", "--jobs", "1", "--batch-size", "1"]
        for signal in [SIGINT, SIGKILL, SIGKILL] {
            let process = Process()
            process.executableURL = CommandRunner.executable
            process.arguments = arguments + ["--repredict"]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait for the first finished photo, then interrupt.
            _ = output.fileHandleForReading.availableData
            kill(process.processIdentifier, signal)
            let rest = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            if signal == SIGINT {
                XCTAssertEqual(process.terminationStatus, 1, "an interrupted run reports failure (photos not reached)")
                XCTAssertLessThan(rest.split(separator: UInt8(ascii: "\n")).count, 11, "the run stopped early")
                // A clean stop leaves nothing but photos and sidecars. (After SIGKILL a hidden
                // temporary file may remain; sidecars themselves only ever appear by rename.)
                let leftovers = try FileManager.default.contentsOfDirectory(atPath: shoot.path)
                    .filter { !$0.hasSuffix(".dng") && !$0.hasSuffix(".xmp") }
                XCTAssertEqual(leftovers, [], "only photos and sidecars in the folder after Ctrl-C")
            }
            for index in 0..<12 {
                let sidecar = shoot.appendingPathComponent(String(format: "P_%03d.xmp", index))
                guard let data = try? Data(contentsOf: sidecar) else { continue }
                if data == original { continue }
                let packet = try XMPReader().read(contentsOf: sidecar)
                XCTAssertEqual(packet.settings.present.count, 8, "\(sidecar.lastPathComponent) is complete")
                XCTAssertNotNil(packet.autoToneStamp)
            }
        }
    }

    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)! where !url.hasDirectoryPath {
            files[url.path.replacingOccurrences(of: folder.path + "/", with: "")] = try Data(contentsOf: url)
        }
        return files
    }
}
