import Foundation
import XCTest

final class InspectCommandTests: XCTestCase {
    private let sample = "SampleRAWs/IMG_5952.CR2"

    func testInspectsTheSampleAndWritesAPreview() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("inspect-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let preview = folder.appendingPathComponent("preview.jpg")
        let result = try CommandRunner.run(["inspect", sample, "--preview", preview.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("Canon EOS 30D"), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("ISO 640"), result.standardOutput)
        let jpeg = try Data(contentsOf: preview)
        XCTAssertEqual(Array(jpeg.prefix(3)), [0xFF, 0xD8, 0xFF])
    }

    func testJSONHasOneObjectPerFile() throws {
        let result = try CommandRunner.run(["inspect", "--json", sample, sample])
        XCTAssertEqual(result.status, 0, result.standardError)
        let lines = result.standardOutput.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        XCTAssertEqual((object["metadata"] as? [String: Any])?["model"] as? String, "EOS 30D")
        XCTAssertEqual(object["inputSize"] as? Int, 224)
        let channels = try XCTUnwrap((object["input"] as? [String: Any])?["channels"] as? [[String: Any]])
        XCTAssertEqual(channels.count, 3)
    }

    func testOneBadFileDoesNotStopTheOthers() throws {
        let result = try CommandRunner.run(["inspect", "--json", "no/such/file.CR2", sample])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("no/such/file.CR2: no such file"), result.standardError)
        XCTAssertEqual(result.standardOutput.split(separator: "\n").count, 1, "the good file is still reported")
    }

    func testPreviewNeedsExactlyOneFile() throws {
        let result = try CommandRunner.run(["inspect", sample, sample, "--preview", "/tmp/x.jpg"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.standardError.contains("--preview takes exactly one input file"), result.standardError)
    }
}
