import XCTest

@testable import XMP

/// `NAME.xmp` for `NAME.EXT`; darktable's `NAME.EXT.xmp` never used; base-name clashes.
final class SidecarDiscoveryTests: XCTestCase {
    private func folder(_ files: [String: String]) throws -> URL {
        let folder = try makeScratchFolder(self)
        for (name, fixture) in files {
            let url = folder.appendingPathComponent(name)
            if fixture.isEmpty {
                try Data("raw".utf8).write(to: url)
            } else {
                try Data(contentsOf: TestPaths.fixture(fixture)).write(to: url)
            }
        }
        return folder
    }

    func testExtensionIsReplacedNotAppended() {
        let raw = URL(fileURLWithPath: "/photos/shoot.day1/IMG_1.CR2")
        XCTAssertEqual(SidecarLocation.sidecarURL(for: raw).path, "/photos/shoot.day1/IMG_1.xmp")
    }

    func testFindsLowerAndUpperCaseSidecars() throws {
        let lower = try folder(["IMG_1.NEF": "", "IMG_1.xmp": "lr6-brush-corrections.xmp"])
        let raw = lower.appendingPathComponent("IMG_1.NEF")
        XCTAssertEqual(SidecarLocation(raw: raw).existing?.lastPathComponent, "IMG_1.xmp")
        XCTAssertTrue(SidecarReading.read(forRaw: raw).isLabel)

        let upper = try folder(["IMG_1.NEF": "", "IMG_1.XMP": "lr6-brush-corrections.xmp"])
        let location = SidecarLocation(raw: upper.appendingPathComponent("IMG_1.NEF"))
        XCTAssertEqual(location.existing?.lastPathComponent, "IMG_1.XMP")
        XCTAssertEqual(location.target.lastPathComponent, "IMG_1.XMP", "an existing .XMP is updated, not doubled")

        let both = try folder(["IMG_1.NEF": "", "IMG_1.XMP": "preset.xmp", "IMG_1.xmp": "lr6-brush-corrections.xmp"])
        XCTAssertEqual(SidecarLocation(raw: both.appendingPathComponent("IMG_1.NEF")).existing?.lastPathComponent,
                       "IMG_1.xmp")
    }

    func testDarktableSidecarIsNeverReadNorWritten() throws {
        let dir = try folder(["IMG_1.CR2": "", "IMG_1.CR2.xmp": "lrc14-attributes-masks-look.xmp"])
        let raw = dir.appendingPathComponent("IMG_1.CR2")
        let location = SidecarLocation(raw: raw)
        XCTAssertNil(location.existing)
        XCTAssertEqual(location.foreignSidecars.map(\.lastPathComponent), ["IMG_1.CR2.xmp"])
        let reading = SidecarReading.read(forRaw: raw)
        XCTAssertFalse(reading.isLabel)
        XCTAssertEqual(reading.reason, "no sidecar")
        XCTAssertNil(reading.summary)

        let before = try Data(contentsOf: dir.appendingPathComponent("IMG_1.CR2.xmp"))
        let report = SidecarWriter().write(content(), forRaw: raw, prediction: nil)
        XCTAssertEqual(report.outcome, .created)
        XCTAssertEqual(report.sidecar.lastPathComponent, "IMG_1.xmp")
        XCTAssertEqual(report.warnings, [.foreignSidecarIgnored(path: dir.appendingPathComponent("IMG_1.CR2.xmp").path)])
        XCTAssertEqual(try Data(contentsOf: dir.appendingPathComponent("IMG_1.CR2.xmp")), before)
    }

    func testBaseNameClashTrustsOnlyAMatchingExtension() throws {
        // lr6 fixture says SidecarForExtension="NEF".
        let dir = try folder(["IMG_1.CR2": "", "IMG_1.NEF": "", "IMG_1.JPG": "", "IMG_1.xmp": "lr6-brush-corrections.xmp"])
        let cr2 = dir.appendingPathComponent("IMG_1.CR2")
        let nef = dir.appendingPathComponent("IMG_1.NEF")
        XCTAssertEqual(SidecarLocation(raw: cr2).sameBaseNameRaws.map(\.lastPathComponent), ["IMG_1.NEF"],
                       "a JPEG next to a RAW is not a clash")
        XCTAssertEqual(SidecarReading.read(forRaw: cr2).exclusion,
                       .sidecarForOtherFile(rawExtension: "CR2", sidecarFor: "NEF"))
        XCTAssertTrue(SidecarReading.read(forRaw: nef).isLabel)

        for raw in [cr2, nef] {
            let report = SidecarWriter(policy: SidecarPolicy(overwritePhotographerEdits: true))
                .write(content(rawFileName: raw.lastPathComponent), forRaw: raw, prediction: nil)
            guard case .refused(.baseNameClash(_, _, let others)) = report.outcome else {
                return XCTFail(report.description)
            }
            XCTAssertEqual(others.count, 1)
            XCTAssertTrue(report.description.contains("same base name"), report.description)
        }
    }

    func testClashWithoutRecordedExtensionIsNotTrusted() throws {
        // missing-process-version fixture has no SidecarForExtension; use one that is a label.
        let xml = try String(contentsOf: TestPaths.fixture("bw-no-vibrance-saturation.xmp"), encoding: .utf8)
            .replacingOccurrences(of: "   photoshop:SidecarForExtension=\"NEF\"\n", with: "")
        let dir = try folder(["IMG_1.CR2": "", "IMG_1.NEF": ""])
        try Data(xml.utf8).write(to: dir.appendingPathComponent("IMG_1.xmp"))
        XCTAssertEqual(SidecarReading.read(forRaw: dir.appendingPathComponent("IMG_1.CR2")).exclusion,
                       .sidecarForOtherFile(rawExtension: "CR2", sidecarFor: nil))
        try FileManager.default.removeItem(at: dir.appendingPathComponent("IMG_1.NEF"))
        XCTAssertTrue(SidecarReading.read(forRaw: dir.appendingPathComponent("IMG_1.CR2")).isLabel,
                      "without a clash an unrecorded extension is fine")
    }

    func testSidecarForAnotherExtensionIsNeitherLabelNorOverwritten() throws {
        let dir = try folder(["IMG_1.CR2": "", "IMG_1.xmp": "lr6-brush-corrections.xmp"])
        let raw = dir.appendingPathComponent("IMG_1.CR2")
        XCTAssertEqual(SidecarReading.read(forRaw: raw).exclusion, .sidecarForOtherFile(rawExtension: "CR2", sidecarFor: "NEF"))
        let report = SidecarWriter(policy: SidecarPolicy(overwritePhotographerEdits: true))
            .write(content(), forRaw: raw, prediction: nil)
        guard case .refused(.sidecarForOtherFile(_, "CR2", "NEF")) = report.outcome else { return XCTFail(report.description) }
    }

    func testDNGLabelComesFromTheEmbeddedPacket() throws {
        let dir = try folder(["IMG_9.DNG": "", "IMG_9.xmp": "lr6-brush-corrections.xmp"])
        let dng = dir.appendingPathComponent("IMG_9.DNG")
        let none = SidecarReading.read(forRaw: dng)
        XCTAssertFalse(none.isLabel, "a sidecar next to a DNG is not what Lightroom reads")
        XCTAssertEqual(none.reason, "the DNG has no embedded XMP")
        let embedded = try Data(contentsOf: TestPaths.fixture("xpacket-padding-bom.xmp"))
        let reading = SidecarReading.read(forRaw: dng, embeddedPacket: embedded)
        XCTAssertTrue(reading.isLabel)
        XCTAssertEqual(reading.label?["Highlights2012"], -100)
        XCTAssertEqual(reading.source, dng.path + " (embedded XMP)")
        let converter = try Data(contentsOf: TestPaths.fixture("has-settings-false.xmp"))
        XCTAssertEqual(SidecarReading.read(forRaw: dng, embeddedPacket: converter).exclusion, .noDevelopSettings)
    }
}
