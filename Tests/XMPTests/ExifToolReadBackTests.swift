import XCTest

@testable import XMP

/// ExifTool reads back exactly the values AutoTone wrote, in new and merged sidecars.
final class ExifToolReadBackTests: XCTestCase {
    private let expected: [String: String] = [
        "XMP-crs:Exposure2012": "+0.35", "XMP-crs:Contrast2012": "+12", "XMP-crs:Highlights2012": "-40",
        "XMP-crs:Shadows2012": "+25", "XMP-crs:Whites2012": "+8", "XMP-crs:Blacks2012": "-8",
        "XMP-crs:Vibrance": "+10", "XMP-crs:Saturation": "0", "XMP-crs:HasSettings": "True",
        "XMP-crs:AlreadyApplied": "False", "XMP-xmp:MetadataDate": "2026:05:05 18:53:20+02:00",
    ]

    private func assertHasWrittenValues(_ tags: [String: String], _ label: String,
                                        file: StaticString = #filePath, line: UInt = #line) {
        for (tag, value) in expected {
            XCTAssertEqual(tags[tag], value, "\(label) \(tag)", file: file, line: line)
        }
        XCTAssertEqual(tags["XMP-autotone:Model"], "vit-s16", label, file: file, line: line)
    }

    private let stamp = AutoToneStamp(model: "vit-s16", rawFingerprint: "fp-1", settings: predicted)

    func testNewSidecar() throws {
        let folder = try makeScratchFolder(self)
        let url = folder.appendingPathComponent("IMG_1.xmp")
        try SidecarMerger.newSidecar(content(stamp: stamp)).write(to: url)
        let tags = try ExifTool.xmpTags(url)
        assertHasWrittenValues(tags, "new")
        XCTAssertEqual(tags["XMP-crs:ProcessVersion"], "15.4")
        XCTAssertEqual(tags["XMP-crs:Version"], "15.4")
        XCTAssertEqual(tags["XMP-crs:RawFileName"], "IMG_1.CR2")
        XCTAssertEqual(tags["XMP-photoshop:SidecarForExtension"], "CR2")
        XCTAssertEqual(tags["XMP-autotone:RawFingerprint"], "fp-1")
    }

    func testMergedSidecarsChangeOnlyOwnedTags() throws {
        let folder = try makeScratchFolder(self)
        let fixtures = [
            ("lrc14-attributes-masks-look.xmp", "R5_0421.CR3"), ("lr6-brush-corrections.xmp", "DSC_0001.NEF"),
            ("exiftool-element-form.xmp", "DSCF0001.RAF"), ("bw-no-vibrance-saturation.xmp", "DSC_0002.NEF"),
            ("unedited-metadata-only.xmp", "DSC_1204.NEF"), ("xpacket-padding-bom.xmp", "P0000005.ORF"),
        ]
        let ownedTags = Set(expected.keys).union([
            "XMP-crs:ProcessVersion", "XMP-crs:Version", "XMP-crs:RawFileName", "XMP-photoshop:SidecarForExtension",
        ])
        for (fixture, raw) in fixtures {
            let beforeURL = TestPaths.fixture(fixture)
            let afterURL = folder.appendingPathComponent(fixture)
            let merged = try SidecarMerger.merge(
                content(rawFileName: raw, stamp: stamp), into: Data(contentsOf: beforeURL), source: fixture)
            try merged.write(to: afterURL)
            let before = try ExifTool.xmpTags(beforeURL)
            let after = try ExifTool.xmpTags(afterURL)
            assertHasWrittenValues(after, fixture)
            let keep = { (tags: [String: String]) in
                tags.filter { !ownedTags.contains($0.key) && !$0.key.hasPrefix("XMP-autotone:") }
            }
            XCTAssertEqual(keep(before), keep(after), "\(fixture): ExifTool sees everything else unchanged")
            XCTAssertGreaterThan(keep(before).count, 0, fixture)
        }
    }

    /// The "done when": a sidecar next to the real CR2 shows the values in ExifTool.
    func testSidecarNextToSampleCR2() throws {
        guard let cr2 = TestPaths.sampleCR2 else { return XCTFail("SampleRAWs/IMG_5952.CR2 is missing") }
        let folder = try makeScratchFolder(self)
        let raw = folder.appendingPathComponent("IMG_5952.CR2")
        try FileManager.default.copyItem(at: cr2, to: raw)
        let report = SidecarWriter().write(
            content(rawFileName: raw.lastPathComponent, stamp: stamp), forRaw: raw,
            prediction: .init(model: stamp.model, rawFingerprint: stamp.rawFingerprint))
        XCTAssertEqual(report.outcome, .created, report.description)
        XCTAssertEqual(report.sidecar.lastPathComponent, "IMG_5952.xmp")
        let tags = try ExifTool.xmpTags(report.sidecar)
        assertHasWrittenValues(tags, "CR2 sidecar")
        XCTAssertEqual(tags["XMP-crs:RawFileName"], "IMG_5952.CR2")
        XCTAssertEqual(SidecarReading.read(forRaw: raw).exclusion, .autoTonePrediction(model: "vit-s16"))
    }
}
