import Foundation
import SeededRandom
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

    private func makeShoot(_ count: Int, in name: String = "shoot") throws -> URL {
        try TestShoot.make(count, in: folder, named: name)
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
        let locked = try makeShoot(2, in: "shoot/locked")
        // One photo there has a sidecar already: it must stay as it was.
        try TestShoot.metadataOnly.write(to: locked.appendingPathComponent("P_001.xmp"))
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
        for name in ["shoot/locked/P_000.dng", "shoot/locked/P_001.dng"] {
            XCTAssertEqual(byName[name]?["outcome"] as? String, "failed")
            XCTAssertTrue((byName[name]?["reason"] as? String)?.contains("not writable") ?? false,
                          "\(String(describing: byName[name]))")
        }
        let after = try Self.snapshot(folder)
        XCTAssertEqual(Set(after.keys).subtracting(before.keys), ["shoot/P_000.xmp"])
        for (name, data) in before { XCTAssertEqual(after[name], data, "\(name) changed") }
    }

    /// Ctrl-C stops the run cleanly. SIGKILL at seeded random moments (`AUTOTONE_KILL_RUNS`
    /// runs, default 20; `Scripts/kill-predict` runs more) leaves every sidecar either as it was
    /// or a complete AutoTone result, and the next run removes what the killed ones left.
    func testInterruptedRunsLeaveEverySidecarWholeOrUntouched() throws {
        let environment = ProcessInfo.processInfo.environment
        let runs = Int(environment["AUTOTONE_KILL_RUNS"] ?? "") ?? 20
        var random = SplitMix64(seed: UInt64(environment["AUTOTONE_KILL_SEED"] ?? "") ?? 1)
        let count = 12
        let shoot = try makeShoot(count)
        // A third of the photos carry a metadata-only sidecar (merged), a third the
        // photographer's edit (never touched), a third none (created; removed before each run
        // so creation is interrupted too).
        let metadataOnly = try TestShoot.metadataOnly, edit = try TestShoot.photographerEdit
        func kind(_ index: Int) -> Int { index % 3 }
        for index in 0..<count where kind(index) != 2 {
            try (kind(index) == 0 ? metadataOnly : edit).write(to: shoot.appendingPathComponent(TestShoot.sidecar(index)))
        }
        let arguments = ["predict", shoot.path, "--weights", weights.path, "--dng-sidecars", "--json", "--jobs", "1",
                         "--batch-size", "1", "--repredict"]
        var written = 0, untouched = 0
        func checkSidecars(after what: String) throws {
            for index in 0..<count {
                let sidecar = shoot.appendingPathComponent(TestShoot.sidecar(index))
                guard let data = try? Data(contentsOf: sidecar) else {
                    XCTAssertEqual(kind(index), 2, "\(what): \(sidecar.lastPathComponent) disappeared")
                    untouched += 1
                    continue
                }
                if kind(index) == 1 {
                    XCTAssertEqual(data, edit, "\(what): the photographer's \(sidecar.lastPathComponent) changed")
                    continue
                }
                if data == metadataOnly { untouched += 1; continue }
                let packet = try XMPReader().read(contentsOf: sidecar)
                XCTAssertEqual(packet.settings.present.count, 8, "\(what): \(sidecar.lastPathComponent) is complete")
                XCTAssertNotNil(packet.autoToneStamp, "\(what): \(sidecar.lastPathComponent) is AutoTone's")
                if kind(index) == 0 {
                    let text = String(decoding: data, as: UTF8.self)
                    XCTAssertTrue(text.contains("xmp:Rating=\"2\"") && text.contains("A. Photographer"),
                                  "\(what): \(sidecar.lastPathComponent) kept the photographer's metadata")
                }
                written += 1
            }
        }

        // A whole run first, to know how long one takes.
        let start = Date()
        XCTAssertEqual(try CommandRunner.run(arguments).status, 0)
        let runSeconds = Date().timeIntervalSince(start)
        try checkSidecars(after: "a whole run")

        // Ctrl-C after the first finished photo.
        let (interrupted, rest) = try startAndSignal(arguments, SIGINT, afterFirstRecord: true)
        XCTAssertEqual(interrupted.terminationStatus, 1, "an interrupted run reports failure (photos not reached)")
        XCTAssertLessThan(rest.split(separator: UInt8(ascii: "\n")).count, count - 1, "the run stopped early")
        XCTAssertEqual(try TestShoot.leftovers(in: shoot), [], "Ctrl-C leaves no temporary or lock file")
        try checkSidecars(after: "Ctrl-C")

        var temporaryAfterKills = 0, killed = 0
        for run in 0..<runs {
            for index in 0..<count where kind(index) == 2 {
                try? FileManager.default.removeItem(at: shoot.appendingPathComponent(TestShoot.sidecar(index)))
            }
            // Anywhere from start-up to the last photos (a run's length varies on a busy machine).
            let delay = Double(random.next() % 1_000_000) / 1_000_000 * runSeconds * 0.8
            let (process, _) = try startAndSignal(arguments, SIGKILL, afterSeconds: delay)
            if process.terminationReason == .uncaughtSignal { killed += 1 }
            temporaryAfterKills += try TestShoot.leftovers(in: shoot).filter { $0 != ".autotone.lock" }.count
            try checkSidecars(after: String(format: "SIGKILL %d after %.3f s", run, delay))
        }

        let clean = try CommandRunner.run(arguments)
        XCTAssertEqual(clean.status, 0, clean.standardError)
        XCTAssertEqual(try TestShoot.leftovers(in: shoot), [], "a clean run leaves no temporary or lock file")
        try checkSidecars(after: "the clean re-run")
        XCTAssertGreaterThanOrEqual(killed, runs / 2, "most runs must be killed before they finish")
        print("kill test: \(killed) of \(runs) runs killed (SIGKILL) within runs of \(String(format: "%.2f", runSeconds)) s; \(written) sidecars "
              + "checked complete, \(untouched) untouched, 0 lost; \(temporaryAfterKills) temporary files "
              + "seen after kills, none after the clean run")
    }

    /// Starts `autotone` and sends `signal` after its first JSON record or after `afterSeconds`;
    /// returns the ended process and what it printed after the signal.
    private func startAndSignal(_ arguments: [String], _ signal: Int32, afterFirstRecord: Bool = false,
                                afterSeconds: Double = 0) throws -> (Process, Data) {
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        if afterFirstRecord {
            _ = output.fileHandleForReading.availableData
        } else {
            usleep(useconds_t(afterSeconds * 1_000_000))
        }
        kill(process.processIdentifier, signal)
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process, rest)
    }

    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)! where !url.hasDirectoryPath {
            files[url.path.replacingOccurrences(of: folder.path + "/", with: "")] = try Data(contentsOf: url)
        }
        return files
    }
}
