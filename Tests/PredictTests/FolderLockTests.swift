import Foundation
import XCTest
@testable import Predict

/// One run per folder: the lock excludes, says who holds it, and leaves nothing behind.
final class FolderLockTests: XCTestCase {
    private func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lock-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock {
            chmod(folder.path, 0o755)
            try? FileManager.default.removeItem(at: folder)
        }
        return folder
    }

    func testSecondHolderWaitsAndIsToldWho() throws {
        let folder = try scratch()
        guard case .acquired(let first) = FolderLock.tryAcquire(folder) else { return XCTFail("first lock") }
        var told: [pid_t?] = []
        let start = Date()
        let second = FolderLock.acquire(folder, timeout: 0.3, cancellation: CancellationFlag()) { told.append($0) }
        guard case .busy(let holder) = second else { return XCTFail("\(second)") }
        XCTAssertEqual(holder, getpid())
        XCTAssertEqual(told, [getpid()], "told once whom it waits for")
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(start), 0.3, "it waited")
        withExtendedLifetime(first) {}
    }

    func testReleaseRemovesTheFileAndLetsTheNextRunIn() throws {
        let folder = try scratch()
        let lockPath = folder.appendingPathComponent(FolderLock.fileName).path
        /// Holds the first lock until another thread lets it go.
        final class Holder: @unchecked Sendable { var lock: FolderLock? }
        let first = Holder()
        if case .acquired(let lock) = FolderLock.tryAcquire(folder) { first.lock = lock }
        XCTAssertNotNil(first.lock)
        XCTAssertTrue(FileManager.default.fileExists(atPath: lockPath))
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { first.lock = nil }
        guard case .acquired(let second) = FolderLock.acquire(folder, timeout: 10, cancellation: CancellationFlag(), waiting: { _ in })
        else { return XCTFail("second lock after release") }
        withExtendedLifetime(second) {}
        XCTAssertTrue(FileManager.default.fileExists(atPath: lockPath))
        _ = consume second
        XCTAssertFalse(FileManager.default.fileExists(atPath: lockPath), "no lock file left after a run")
    }

    func testALockFileLeftByACrashIsTakenOver() throws {
        let folder = try scratch()
        try Data("999999\n".utf8).write(to: folder.appendingPathComponent(FolderLock.fileName))
        guard case .acquired = FolderLock.tryAcquire(folder) else { return XCTFail("stale lock file") }
    }

    func testCancellationEndsTheWait() throws {
        let folder = try scratch()
        guard case .acquired(let first) = FolderLock.tryAcquire(folder) else { return XCTFail("first lock") }
        let cancellation = CancellationFlag()
        cancellation.cancel()
        guard case .busy = FolderLock.acquire(folder, timeout: .infinity, cancellation: cancellation, waiting: { _ in })
        else { return XCTFail("cancelled wait") }
        withExtendedLifetime(first) {}
    }
}
