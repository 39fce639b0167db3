import XCTest

@testable import XMP

/// Every shape Lightroom, Camera Raw and ExifTool write, hand-written, with its expected reading.
final class FixtureReadingTests: XCTestCase {
    private func read(_ name: String) throws -> XMPPacket {
        try XMPReader().read(contentsOf: TestPaths.fixture(name))
    }

    private func assertValues(
        _ packet: XMPPacket, _ expected: [String: Double], file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(packet.settings.valuesByName, expected, file: file, line: line)
    }

    func testLightroomClassicAttributesWithMasksAndLook() throws {
        let packet = try read("lrc14-attributes-masks-look.xmp")
        XCTAssertNil(packet.labelExclusion)
        XCTAssertTrue(packet.isLabel)
        assertValues(packet, [
            "Exposure2012": 0.42, "Contrast2012": -6, "Highlights2012": -61, "Shadows2012": 38,
            "Whites2012": 9, "Blacks2012": -22, "Vibrance": 18, "Saturation": -3,
        ])
        // The Look's and the mask's own crs:Version/ProcessVersion/Exposure2012 are not the file's.
        XCTAssertEqual(packet.cameraRawVersion, "17.0")
        XCTAssertEqual(packet.processVersion, "15.4")
        XCTAssertFalse(packet.isHDR)
        XCTAssertEqual(packet.creatorTool, "Adobe Photoshop Lightroom Classic 14.0.1 (Macintosh)")
        XCTAssertEqual(packet.sidecarForExtension, "CR3")
        XCTAssertEqual(packet.rawFileName, "R5_0421.CR3")
        XCTAssertEqual(packet.otherDevelopSettings["Clarity2012"], "+12")
        XCTAssertEqual(packet.otherDevelopSettings["Temperature"], "5150")
        XCTAssertNil(packet.otherDevelopSettings["LocalExposure2012"])
        XCTAssertNil(packet.otherDevelopSettings["HasSettings"])
        XCTAssertEqual(packet.structuredDevelopSettings, ["ToneCurvePV2012", "MaskGroupBasedCorrections", "Look"])
        XCTAssertTrue(packet.autoToneProperties.isEmpty)
    }

    func testLightroom6WithBrushCorrections() throws {
        let packet = try read("lr6-brush-corrections.xmp")
        XCTAssertTrue(packet.isLabel)
        assertValues(packet, [
            "Exposure2012": 0.85, "Contrast2012": 14, "Highlights2012": -47, "Shadows2012": 62,
            "Whites2012": -18, "Blacks2012": 7, "Vibrance": 9, "Saturation": 0,
        ])
        XCTAssertEqual(packet.processVersion, "6.7")
        XCTAssertEqual(packet.creatorTool, "NIKON D610 Ver.1.02     ")
        XCTAssertEqual(packet.structuredDevelopSettings, ["ToneCurve", "PaintBasedCorrections"])
    }

    func testExifToolElementFormOneDescriptionPerNamespace() throws {
        let packet = try read("exiftool-element-form.xmp")
        XCTAssertNil(packet.labelExclusion)
        assertValues(packet, [
            "Exposure2012": 0.6, "Contrast2012": 33, "Highlights2012": -29, "Shadows2012": 21,
            "Whites2012": 3, "Blacks2012": -15, "Vibrance": 11, "Saturation": 0,
        ])
        XCTAssertEqual(packet.processVersion, "10.0")
        XCTAssertEqual(packet.sidecarForExtension, "RAF")
        XCTAssertEqual(packet.creatorTool, "Adobe Photoshop Lightroom Classic 7.0 (Windows)")
    }

    func testBlackAndWhiteHasNoVibranceOrSaturation() throws {
        let packet = try read("bw-no-vibrance-saturation.xmp")
        XCTAssertTrue(packet.isLabel)
        XCTAssertNil(packet.settings["Vibrance"])
        XCTAssertNil(packet.settings["Saturation"])
        assertValues(packet, [
            "Exposure2012": -0.35, "Contrast2012": 25, "Highlights2012": -40, "Shadows2012": 15,
            "Whites2012": 10, "Blacks2012": -30,
        ])
        XCTAssertEqual(packet.otherDevelopSettings["ConvertToGrayscale"], "True")
        XCTAssertEqual(packet.settings.unitValues.suffix(2), [nil, nil])
    }

    func testUneditedMetadataOnlyIsNotALabel() throws {
        let packet = try read("unedited-metadata-only.xmp")
        XCTAssertEqual(packet.labelExclusion, .noDevelopSettings)
        XCTAssertTrue(packet.settings.isEmpty)
        XCTAssertEqual(packet.rawFileName, "DSC_1204.NEF")
        XCTAssertFalse(packet.hasPhotographerSettings)
    }

    func testHasSettingsFalseIsNotALabel() throws {
        let packet = try read("has-settings-false.xmp")
        XCTAssertEqual(packet.labelExclusion, .noDevelopSettings)
        XCTAssertEqual(packet.creatorTool, "Adobe DNG Converter 15.4 (Windows)")
    }

    func testAlreadyAppliedParsesButIsNotALabel() throws {
        let packet = try read("already-applied-export.xmp")
        XCTAssertEqual(packet.labelExclusion, .alreadyApplied)
        XCTAssertTrue(packet.alreadyApplied)
        XCTAssertEqual(packet.settings["Exposure2012"], 0.25)
        XCTAssertEqual(packet.settings["Contrast2012"], 20)
        XCTAssertEqual(packet.settings.present.count, 8)
    }

    func testPresetIsNotALabel() throws {
        let packet = try read("preset.xmp")
        XCTAssertEqual(packet.labelExclusion, .preset(type: "Normal"))
        XCTAssertEqual(packet.settings["Exposure2012"], 0.3)
        XCTAssertEqual(packet.structuredDevelopSettings, ["Name", "Group"])
    }

    func testLegacyProcessVersionIsNotALabel() throws {
        let packet = try read("legacy-process-version.xmp")
        XCTAssertEqual(packet.labelExclusion, .legacyProcessVersion("5.7"))
        XCTAssertEqual(packet.otherDevelopSettings["Exposure"], "+0.50", "legacy names are not Exposure2012")
        XCTAssertNil(packet.settings["Exposure2012"])
    }

    func testMissingProcessVersionIsNotALabel() throws {
        XCTAssertEqual(try read("missing-process-version.xmp").labelExclusion, .missingProcessVersion)
    }

    func testXpacketWithPaddingAndBOM() throws {
        let packet = try read("xpacket-padding-bom.xmp")
        XCTAssertTrue(packet.isLabel)
        assertValues(packet, [
            "Exposure2012": -0.8, "Contrast2012": 5, "Highlights2012": -100, "Shadows2012": 100,
            "Whites2012": -7, "Blacks2012": 12, "Vibrance": 30, "Saturation": -10,
        ])
    }

    func testHDREditIsReadAndFlagged() throws {
        let packet = try read("hdr-edit.xmp")
        XCTAssertTrue(packet.isHDR)
        XCTAssertTrue(packet.isLabel, "HDR is flagged, the caller decides whether to train on it")
        XCTAssertEqual(packet.settings["Exposure2012"], 1.05)
        XCTAssertFalse(try read("lrc14-attributes-masks-look.xmp").isHDR, "HDREditMode=0 is not HDR")
    }

    func testReadsFromMemoryLikeADNGPacket() throws {
        let data = try Data(contentsOf: TestPaths.fixture("xpacket-padding-bom.xmp"))
        let packet = try XMPReader().read(data: data, source: "IMG_9.DNG (embedded XMP)")
        XCTAssertEqual(packet.source, "IMG_9.DNG (embedded XMP)")
        XCTAssertEqual(packet.settings["Highlights2012"], -100)
    }

    func testInvalidValueIsReportedNotZero() throws {
        let xml = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/" crs:HasSettings="True"
             crs:ProcessVersion="11.0" crs:Exposure2012="bright" crs:Contrast2012="+5"/></rdf:RDF></x:xmpmeta>
            """
        let packet = try XMPReader().read(data: Data(xml.utf8), source: "inline")
        XCTAssertNil(packet.settings["Exposure2012"])
        XCTAssertEqual(packet.labelExclusion, .invalidValue(name: "Exposure2012", text: "bright"))
    }

    func testRootMayBeRDFAndPrefixesMayDiffer() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <r:RDF xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
             <r:Description xmlns:cr="http://ns.adobe.com/camera-raw-settings/1.0/">
              <cr:HasSettings>true</cr:HasSettings><cr:ProcessVersion>6.7</cr:ProcessVersion>
              <cr:Exposure2012>-2</cr:Exposure2012>
             </r:Description>
             <r:Description xmlns:crs="urn:not-camera-raw"><crs:Contrast2012>+50</crs:Contrast2012></r:Description>
            </r:RDF>
            """
        let packet = try XMPReader().read(data: Data(xml.utf8), source: "inline")
        XCTAssertTrue(packet.isLabel)
        XCTAssertEqual(packet.settings.valuesByName, ["Exposure2012": -2], "matched by namespace URI, not prefix")
    }

    func testNotXMP() {
        XCTAssertThrowsError(try XMPReader().read(data: Data("<html><body/></html>".utf8), source: "page.html")) {
            guard case .notXMP(let path, _) = $0 as? XMPReadError else { return XCTFail("\($0)") }
            XCTAssertEqual(path, "page.html")
        }
    }

    func testProcessVersionComparison() {
        XCTAssertTrue(ProcessVersion.supportsSettings2012("6.7"))
        XCTAssertTrue(ProcessVersion.supportsSettings2012("10.0"))
        XCTAssertTrue(ProcessVersion.supportsSettings2012("15.4"))
        XCTAssertTrue(ProcessVersion.supportsSettings2012("7"))
        XCTAssertFalse(ProcessVersion.supportsSettings2012("6.6"))
        XCTAssertFalse(ProcessVersion.supportsSettings2012("5.7"))
        XCTAssertFalse(ProcessVersion.supportsSettings2012("abc"))
        XCTAssertFalse(ProcessVersion.supportsSettings2012(""))
    }
}
