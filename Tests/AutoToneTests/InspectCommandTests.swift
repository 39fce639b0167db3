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

    /// The shipped sample shoot: the photographer's edits sit inside the edited DNGs, equal to
    /// the manifest's labels, and the unedited DNGs carry none.
    func testTheSampleShootCarriesItsEditsInsideTheDNGs() throws {
        let shoot = CommandRunner.packageRoot.appendingPathComponent("SampleRAWs/shoot")
        let manifest = try XCTUnwrap(JSONSerialization.jsonObject(
            with: Data(contentsOf: shoot.appendingPathComponent("manifest.json"))) as? [String: Any])
        let photos = try XCTUnwrap(manifest["photos"] as? [[String: Any]])
        XCTAssertEqual(photos.count, 24)
        XCTAssertEqual(photos.filter { $0["edited"] as? Bool == true }.count, 20)
        let result = try CommandRunner.run(
            ["inspect", "--json"] + photos.map { "SampleRAWs/shoot/" + ($0["file"] as? String ?? "") })
        XCTAssertEqual(result.status, 0, result.standardError)
        let records = try result.standardOutput.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        XCTAssertEqual(records.count, photos.count)
        for (photo, record) in zip(photos, records) {
            let name = photo["file"] as? String ?? ""
            if photo["edited"] as? Bool == true {
                let sidecar = try XCTUnwrap(record["sidecar"] as? [String: Any], "\(name) has no embedded edit")
                XCTAssertEqual(sidecar["isLabel"] as? Bool, true, name)
                XCTAssertEqual(sidecar["creatorTool"] as? String, "AutoTone synthetic photographer (style event)")
                XCTAssertEqual(sidecar["settings"] as? [String: Double], photo["settings"] as? [String: Double], name)
            } else {
                XCTAssertTrue(record["sidecar"] is NSNull, "\(name) is not edited but carries \(record["sidecar"] ?? "")")
            }
        }
        let text = try CommandRunner.run(["inspect", "SampleRAWs/shoot/IMG_0001.dng"]).standardOutput
        XCTAssertTrue(text.contains("IMG_0001.dng (embedded XMP)") && text.contains("label         yes"), text)
    }

    func testPreviewNeedsExactlyOneFile() throws {
        let result = try CommandRunner.run(["inspect", sample, sample, "--preview", "/tmp/x.jpg"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.standardError.contains("--preview takes exactly one input file"), result.standardError)
    }

    func testJSONCarriesTheSidecarReading() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("inspect-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let raw = folder.appendingPathComponent("IMG_5952.CR2")
        try FileManager.default.copyItem(at: CommandRunner.packageRoot.appendingPathComponent(sample), to: raw)
        try """
        <x:xmpmeta xmlns:x="adobe:ns:meta/">
         <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
          <rdf:Description rdf:about=""
            xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"
            xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
           photoshop:SidecarForExtension="CR2"
           crs:ProcessVersion="11.0" crs:HasSettings="True"
           crs:Exposure2012="+0.35" crs:Contrast2012="-12" crs:Highlights2012="-60"
           crs:Shadows2012="+45" crs:Whites2012="-20" crs:Blacks2012="+5"/>
         </rdf:RDF>
        </x:xmpmeta>
        """.write(to: folder.appendingPathComponent("IMG_5952.xmp"), atomically: true, encoding: .utf8)

        let result = try CommandRunner.run(["inspect", "--json", raw.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let sidecar = try XCTUnwrap(object["sidecar"] as? [String: Any])
        XCTAssertEqual(sidecar["path"] as? String, folder.appendingPathComponent("IMG_5952.xmp").path)
        XCTAssertEqual(sidecar["isLabel"] as? Bool, true)
        XCTAssertNil(sidecar["reason"])
        let settings = try XCTUnwrap(sidecar["settings"] as? [String: Double])
        XCTAssertEqual(settings, ["Exposure2012": 0.35, "Contrast2012": -12, "Highlights2012": -60,
                                  "Shadows2012": 45, "Whites2012": -20, "Blacks2012": 5],
                       "absent settings (Vibrance, Saturation) are left out")

        // A copy in a folder of its own: the sample may have a sidecar from trying `predict` on it.
        let bareFolder = folder.appendingPathComponent("bare")
        try FileManager.default.createDirectory(at: bareFolder, withIntermediateDirectories: true)
        let bareRaw = bareFolder.appendingPathComponent("IMG_5952.CR2")
        try FileManager.default.copyItem(at: raw, to: bareRaw)
        let bare = try CommandRunner.run(["inspect", "--json", bareRaw.path])
        let bareObject = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(bare.standardOutput.utf8)) as? [String: Any])
        XCTAssertTrue(bareObject["sidecar"] is NSNull, "no sidecar is reported as null")
    }
}

/// `autotone suggest` on the sample shoot: the 20 edited DNGs are taken into account, so the
/// suggestions are among the 4 unedited ones.
final class SuggestCommandTests: XCTestCase {
    func testSuggestsUneditedPhotosOfTheSampleShootWithReasons() throws {
        let (folder, weights) = try MicroModel.makeFolder(prefix: "suggest")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = folder.appendingPathComponent("cache").path
        let json = try CommandRunner.run(["suggest", "SampleRAWs/shoot", "--count", "3", "--weights", weights.path,
                                          "--cache-dir", cache, "--json"])
        XCTAssertEqual(json.status, 0, json.standardError)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        XCTAssertEqual(object["surveyed"] as? Int, 24)
        XCTAssertEqual(object["alreadyEdited"] as? Int, 20)
        let photos = try XCTUnwrap(object["photos"] as? [[String: Any]])
        XCTAssertEqual(photos.count, 3)
        let unedited = Set((21...24).map { String(format: "IMG_%04d.dng", $0) })
        for photo in photos {
            XCTAssertTrue(unedited.contains(URL(fileURLWithPath: photo["path"] as? String ?? "").lastPathComponent), "\(photo)")
            XCTAssertFalse((photo["reason"] as? String ?? "").isEmpty)
        }
        let text = try CommandRunner.run(["suggest", "SampleRAWs/shoot", "--count", "2", "--weights", weights.path,
                                          "--cache-dir", cache, "--ignore-edits"])
        XCTAssertEqual(text.status, 0, text.standardError)
        XCTAssertTrue(text.standardOutput.hasPrefix("edit these 2 first (of 24 photos):"), text.standardOutput)
        XCTAssertEqual(text.standardOutput.split(separator: "\n").count, 3, text.standardOutput)
        XCTAssertEqual(try CommandRunner.run(["suggest", "SampleRAWs/shoot", "--count", "0"]).status, 2)
    }
}
