import Foundation
import SeededRandom
import XCTest
@testable import ImageIO

/// Every kind of bad input gets its own typed error naming the file; nothing crashes.
final class BadInputTests: XCTestCase {
    private func decodeError(_ url: URL, file: StaticString = #filePath, line: UInt = #line) -> DecodeError? {
        do {
            _ = try PhotoDecoder.decode(url)
            XCTFail("decoding \(url.path) should fail", file: file, line: line)
            return nil
        } catch let error as DecodeError {
            XCTAssertEqual(error.path, url.path, "the error must name the file", file: file, line: line)
            // predict's path (straight to the network's size) fails the same way.
            XCTAssertThrowsError(try PhotoDecoder.decodeShrunk(url, recipe: .vitDefault), file: file, line: line) {
                XCTAssertEqual("\($0)", "\(error)", file: file, line: line)
            }
            return error
        } catch {
            XCTFail("untyped error \(error)", file: file, line: line)
            return nil
        }
    }

    func testTruncatedCR2IsCorruptData() throws {
        let folder = try TestFiles.scratchFolder(for: self)
        let truncated = folder.appendingPathComponent("IMG_5952.CR2")
        try Data(contentsOf: TestFiles.sampleCR2).prefix(1_000_000).write(to: truncated)
        guard case .corruptData(_, let detail)? = decodeError(truncated) else { return XCTFail() }
        XCTAssertTrue(detail.contains("end of file"), detail)
    }

    func testRandomBytesAreUnsupported() throws {
        let folder = try TestFiles.scratchFolder(for: self)
        let random = folder.appendingPathComponent("noise.CR2")
        var generator = SplitMix64(seed: 7)
        try Data((0..<65_536).map { _ in UInt8(truncatingIfNeeded: generator.next()) }).write(to: random)
        guard case .unsupportedFormat? = decodeError(random) else { return XCTFail() }
    }

    func testEmptyFile() throws {
        let folder = try TestFiles.scratchFolder(for: self)
        let empty = folder.appendingPathComponent("empty.NEF")
        try Data().write(to: empty)
        guard case .emptyFile? = decodeError(empty) else { return XCTFail() }
    }

    func testDirectory() throws {
        let folder = try TestFiles.scratchFolder(for: self)
        let directory = folder.appendingPathComponent("folder.CR2")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        guard case .notAFile? = decodeError(directory) else { return XCTFail() }
    }

    func testMissingPath() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID()).CR2")
        guard case .fileNotFound? = decodeError(missing) else { return XCTFail() }
    }

    func testJPEGNamedNEFSaysItIsAJPEG() throws {
        let folder = try TestFiles.scratchFolder(for: self)
        let jpeg = folder.appendingPathComponent("photo.jpg")
        try JPEGCodec.write(rgb: [UInt8](repeating: 128, count: 16 * 16 * 3), width: 16, height: 16, to: jpeg)
        let nef = folder.appendingPathComponent("photo.NEF")
        try FileManager.default.moveItem(at: jpeg, to: nef)
        guard case .unsupportedFormat(_, let hint)? = decodeError(nef) else { return XCTFail() }
        XCTAssertEqual(hint, "the file is a JPEG")
    }

    func testUnreadableFile() throws {
        try XCTSkipIf(getuid() == 0, "root reads every file; permissions cannot be tested as root")
        let folder = try TestFiles.scratchFolder(for: self)
        let locked = folder.appendingPathComponent("locked.CR2")
        try FileManager.default.copyItem(at: TestFiles.sampleCR2, to: locked)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
        guard case .ioError? = decodeError(locked) else { return XCTFail() }
    }
}
