import XCTest

@testable import XMP

/// The `inspect` summary: found and read from a RAW's URL, encoded as the JSON shape.
final class SidecarSummaryTests: XCTestCase {
    private func raw(withSidecar fixture: String?, name: String = "IMG_1.NEF") throws -> URL {
        let folder = try makeScratchFolder(self)
        let raw = folder.appendingPathComponent(name)
        try Data("raw".utf8).write(to: raw)
        if let fixture {
            try Data(contentsOf: TestPaths.fixture(fixture)).write(to: SidecarLocation.sidecarURL(for: raw))
        }
        return raw
    }

    private func json(_ summary: SidecarSummary) throws -> [String: Any] {
        let data = try JSONEncoder().encode(summary)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func testLabelSummary() throws {
        let raw = try raw(withSidecar: "bw-no-vibrance-saturation.xmp")
        let summary = try XCTUnwrap(SidecarSummary.forRaw(raw))
        XCTAssertEqual(summary.path, SidecarLocation.sidecarURL(for: raw).path)
        XCTAssertTrue(summary.isLabel)
        XCTAssertNil(summary.reason)
        XCTAssertEqual(summary.creatorTool, "Adobe Photoshop Lightroom Classic 8.2 (Windows)")
        XCTAssertEqual(summary.otherDevelopSettings["GrayMixerBlue"], "+6")
        let object = try json(summary)
        XCTAssertEqual(object["isLabel"] as? Bool, true)
        XCTAssertNil(object["reason"])
        let settings = try XCTUnwrap(object["settings"] as? [String: Double])
        XCTAssertEqual(settings, [
            "Exposure2012": -0.35, "Contrast2012": 25, "Highlights2012": -40, "Shadows2012": 15,
            "Whites2012": 10, "Blacks2012": -30,
        ], "numbers keyed by XMP name, absent ones left out")
        XCTAssertEqual(object["isHDR"] as? Bool, false)
    }

    func testNotALabelSaysWhy() throws {
        let raw = try raw(withSidecar: "legacy-process-version.xmp", name: "IMG_1.CR2")
        let summary = try XCTUnwrap(SidecarSummary.forRaw(raw))
        XCTAssertFalse(summary.isLabel)
        XCTAssertEqual(summary.reason, LabelExclusion.legacyProcessVersion("5.7").description)
        XCTAssertTrue(try json(summary)["reason"] is String)

        let hdr = try XCTUnwrap(SidecarSummary.forRaw(try self.raw(withSidecar: "hdr-edit.xmp", name: "A.ARW")))
        XCTAssertTrue(hdr.isHDR)
    }

    func testUnreadableSidecarAndNoSidecar() throws {
        XCTAssertNil(SidecarSummary.forRaw(try raw(withSidecar: nil)))
        let raw = try raw(withSidecar: nil)
        try Data("<x:xmpmeta".utf8).write(to: SidecarLocation.sidecarURL(for: raw))
        let summary = try XCTUnwrap(SidecarSummary.forRaw(raw))
        XCTAssertFalse(summary.isLabel)
        XCTAssertTrue(summary.reason?.contains("malformed XML") ?? false, summary.reason ?? "")
        XCTAssertEqual(summary.settings, [:])
    }

    func testRoundTripsThroughJSON() throws {
        let raw = try raw(withSidecar: "lrc14-attributes-masks-look.xmp", name: "R5_0421.CR3")
        let summary = try XCTUnwrap(SidecarSummary.forRaw(raw))
        let decoded = try JSONDecoder().decode(SidecarSummary.self, from: JSONEncoder().encode(summary))
        XCTAssertEqual(decoded, summary)
        XCTAssertEqual(summary.structuredDevelopSettings, ["ToneCurvePV2012", "MaskGroupBasedCorrections", "Look"])
    }
}
