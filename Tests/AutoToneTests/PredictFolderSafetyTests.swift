import Foundation
import XCTest
import XMP

/// Two runs on one folder, a full disk: `predict` either finishes a sidecar or leaves the old
/// one, and says why.
final class PredictFolderSafetyTests: XCTestCase {
    private var folder: URL!
    private var weights: URL!

    override func setUpWithError() throws {
        (folder, weights) = try MicroModel.makeFolder(prefix: "predict-safety")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func start(_ arguments: [String], output: Pipe, error: Pipe) throws -> Process {
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = error
        try process.run()
        return process
    }

    private func outcomes(_ data: Data) throws -> [String] {
        try data.split(separator: UInt8(ascii: "\n")).map {
            let record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0)) as? [String: Any])
            return try XCTUnwrap(record["outcome"] as? String)
        }
    }

    /// The second run waits, says for whom, then plans from the first run's sidecars.
    func testTwoRunsOnOneFolderTakeTurns() throws {
        let shoot = try TestShoot.make(8, in: folder)
        let metadataOnly = try TestShoot.metadataOnly
        for index in stride(from: 0, to: 8, by: 2) {
            try metadataOnly.write(to: shoot.appendingPathComponent(TestShoot.sidecar(index)))
        }
        let arguments = ["predict", shoot.path, "--weights", weights.path, "--dng-sidecars", "--json",
                         "--jobs", "1", "--batch-size", "1"]
        let (firstOut, firstErr, secondOut, secondErr) = (Pipe(), Pipe(), Pipe(), Pipe())
        let first = try start(arguments, output: firstOut, error: firstErr)
        // Once the first run has written a sidecar it holds the folder; it is paused there so
        // the second one surely finds it busy, whatever the machine's load.
        var firstRecords = firstOut.fileHandleForReading.availableData
        kill(first.processIdentifier, SIGSTOP)
        let second = try start(arguments, output: secondOut, error: secondErr)
        var secondMessages = String(decoding: secondErr.fileHandleForReading.availableData, as: UTF8.self)
        kill(first.processIdentifier, SIGCONT)
        firstRecords += firstOut.fileHandleForReading.readDataToEndOfFile()
        let secondRecords = secondOut.fileHandleForReading.readDataToEndOfFile()
        secondMessages += String(decoding: secondErr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        _ = firstErr.fileHandleForReading.readDataToEndOfFile()
        first.waitUntilExit()
        second.waitUntilExit()

        XCTAssertEqual(first.terminationStatus, 0)
        XCTAssertEqual(second.terminationStatus, 0, secondMessages)
        XCTAssertTrue(secondMessages.contains("waiting for another autotone predict (pid \(first.processIdentifier))"),
                      secondMessages)
        XCTAssertEqual(try outcomes(firstRecords).sorted(), Array(repeating: "created", count: 4) + Array(repeating: "merged", count: 4))
        XCTAssertEqual(try outcomes(secondRecords), Array(repeating: "skipped", count: 8),
                       "the second run saw the first one's predictions")
        for index in 0..<8 {
            let packet = try XMPReader().read(contentsOf: shoot.appendingPathComponent(TestShoot.sidecar(index)))
            XCTAssertEqual(packet.settings.present.count, 8)
        }
        XCTAssertEqual(try TestShoot.leftovers(in: shoot), [])
    }

    /// With --lock-timeout, a run gives up on a busy folder: its photos fail, naming the holder.
    func testABusyFolderIsGivenUpAfterTheTimeout() throws {
        let shoot = try TestShoot.make(2, in: folder)
        let lockPath = shoot.appendingPathComponent(".autotone.lock").path
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
        XCTAssertEqual(flock(fd, LOCK_EX), 0)
        _ = Array("\(getpid())\n".utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        defer { close(fd) }
        let before = try PredictCommandTests.snapshot(shoot)

        let result = try CommandRunner.run(["predict", shoot.path, "--weights", weights.path, "--dng-sidecars",
                                            "--lock-timeout", "0.5"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardOutput.contains("2 failed"), result.standardOutput)
        XCTAssertTrue(result.standardError.contains("another autotone predict (pid \(getpid())) is working in this folder"),
                      result.standardError)
        XCTAssertEqual(try PredictCommandTests.snapshot(shoot), before, "nothing written in the busy folder")
    }

    /// On a full file system every photo fails with the reason and old sidecars stay as they
    /// were. Needs root (to mount a small tmpfs); skipped otherwise.
    func testAFullDiskFailsEachPhotoAndKeepsOldSidecars() throws {
        guard geteuid() == 0 else {
            print("skipped: the full-disk test mounts a tmpfs and needs root")
            throw XCTSkip("needs root to mount a tmpfs")
        }
        let mount = folder.appendingPathComponent("small")
        try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
        let mounted = try CommandRunner.run(["-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.path],
                                            executable: URL(fileURLWithPath: "/bin/mount"))
        guard mounted.status == 0 else {
            print("skipped: cannot mount a tmpfs here: \(mounted.standardError)")
            throw XCTSkip("cannot mount a tmpfs: \(mounted.standardError)")
        }
        addTeardownBlock {
            _ = try? CommandRunner.run([mount.path], executable: URL(fileURLWithPath: "/bin/umount"))
        }
        let shoot = try TestShoot.make(2, in: mount)
        try TestShoot.metadataOnly.write(to: shoot.appendingPathComponent(TestShoot.sidecar(0)))
        // Fill what is left.
        let filler = open(mount.appendingPathComponent("filler").path, O_WRONLY | O_CREAT, 0o644)
        let block = [UInt8](repeating: 0, count: 4096)
        while block.withUnsafeBytes({ write(filler, $0.baseAddress, $0.count) }) > 0 {}
        XCTAssertEqual(errno, ENOSPC)
        close(filler)
        let before = try PredictCommandTests.snapshot(shoot)

        let result = try CommandRunner.run(["predict", shoot.path, "--weights", weights.path, "--dng-sidecars"])
        XCTAssertEqual(result.status, 1, result.standardOutput + result.standardError)
        XCTAssertTrue(result.standardOutput.contains("2 failed"), result.standardOutput)
        // Failures go to standard error, one line each.
        let reasons = result.standardError.split(separator: "\n").filter { $0.hasPrefix("autotone: failed ") }
        XCTAssertEqual(reasons.count, 2, result.standardError)
        XCTAssertTrue(reasons.contains { $0.hasSuffix("P_000.xmp: writing (the old file is unchanged) failed: No space left on device") },
                      "\(reasons)")
        XCTAssertTrue(reasons.contains { $0.hasSuffix("P_001.xmp: writing failed: No space left on device") }, "\(reasons)")
        XCTAssertEqual(try PredictCommandTests.snapshot(shoot), before, "old sidecars intact, nothing new")
        XCTAssertEqual(try TestShoot.leftovers(in: shoot), [])
    }
}
