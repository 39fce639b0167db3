import XCTest

@testable import XMP

/// Merging keeps everything AutoTone does not own; writing then reading gives the same values.
final class MergeTests: XCTestCase {
    /// Sidecar-shaped fixtures and the RAW file name each belongs to.
    private let sidecars: [(name: String, raw: String)] = [
        ("lrc14-attributes-masks-look.xmp", "R5_0421.CR3"),
        ("lr6-brush-corrections.xmp", "DSC_0001.NEF"),
        ("exiftool-element-form.xmp", "DSCF0001.RAF"),
        ("bw-no-vibrance-saturation.xmp", "DSC_0002.NEF"),
        ("unedited-metadata-only.xmp", "DSC_1204.NEF"),
        ("has-settings-false.xmp", "IMG_0003.DNG"),
        ("hdr-edit.xmp", "DSC00004.ARW"),
        ("xpacket-padding-bom.xmp", "P0000005.ORF"),
        ("legacy-process-version.xmp", "IMG_0006.CR2"),
        ("missing-process-version.xmp", "IMG_0007.CR2"),
    ]

    private func merged(_ fixture: String, raw: String, stamp: AutoToneStamp? = nil) throws -> (Data, Data) {
        let before = try Data(contentsOf: TestPaths.fixture(fixture))
        let after = try SidecarMerger.merge(content(rawFileName: raw, stamp: stamp), into: before, source: fixture)
        return (before, after)
    }

    func testMergeChangesOnlyOwnedProperties() throws {
        let stamp = AutoToneStamp(model: "vit-s16 2026-11", rawFingerprint: "sha256:abc", settings: predicted)
        for (fixture, raw) in sidecars {
            let (before, after) = try merged(fixture, raw: raw, stamp: stamp)
            XCTAssertNotEqual(before, after, fixture)
            XCTAssertEqual(
                try CanonicalXML.withoutOwnedProperties(before), try CanonicalXML.withoutOwnedProperties(after), fixture)
            XCTAssertEqual(CanonicalXML.untouchedLines(before), CanonicalXML.untouchedLines(after), fixture)

            let old = try XMPReader().read(data: before, source: fixture)
            let new = try XMPReader().read(data: after, source: fixture)
            XCTAssertEqual(new.settings, predicted, fixture)
            XCTAssertTrue(new.hasSettings, fixture)
            XCTAssertFalse(new.alreadyApplied, fixture)
            XCTAssertEqual(new.autoToneStamp, stamp, fixture)
            XCTAssertEqual(new.labelExclusion, .autoTonePrediction(model: "vit-s16 2026-11"), fixture)
            XCTAssertEqual(new.otherDevelopSettings, old.otherDevelopSettings, fixture)
            XCTAssertEqual(new.structuredDevelopSettings, old.structuredDevelopSettings, fixture)
            XCTAssertEqual(new.creatorTool, old.creatorTool, fixture)
            XCTAssertEqual(new.isHDR, old.isHDR, "HDR mode is left alone unless asked: \(fixture)")
            XCTAssertEqual(new.sidecarForExtension, old.sidecarForExtension ?? String(raw.split(separator: ".").last!))
            XCTAssertEqual(new.rawFileName, old.rawFileName ?? raw)
            if let pv = old.processVersion, ProcessVersion.supportsSettings2012(pv) {
                XCTAssertEqual(new.processVersion, pv, "an existing PV2012+ is kept: \(fixture)")
            } else {
                XCTAssertEqual(new.processVersion, "15.4", fixture)
            }
        }
    }

    func testElementFormIsUpdatedAsElements() throws {
        let (_, after) = try merged("exiftool-element-form.xmp", raw: "DSCF0001.RAF",
                                    stamp: AutoToneStamp(model: "m", rawFingerprint: nil, settings: predicted))
        let text = String(decoding: after, as: UTF8.self)
        XCTAssertTrue(text.contains("<crs:Exposure2012>+0.35</crs:Exposure2012>"))
        XCTAssertTrue(text.contains("<crs:Saturation>0</crs:Saturation>"))
        XCTAssertTrue(text.contains("<xmp:MetadataDate>2026-05-05T18:53:20+02:00</xmp:MetadataDate>"))
        XCTAssertTrue(text.contains("  <autotone:Model>m</autotone:Model>"))
        XCTAssertFalse(text.contains("crs:Exposure2012="))
        XCTAssertTrue(text.hasPrefix("\u{FEFF}<?xpacket begin='\u{FEFF}'"), "BOM, quotes and packet wrapper kept")
        XCTAssertTrue(text.hasSuffix("</x:xmpmeta>\n<?xpacket end='w'?>\n"))
    }

    func testAttributeFormKeepsLayoutAndPadding() throws {
        let (before, after) = try merged("xpacket-padding-bom.xmp", raw: "P0000005.ORF")
        let beforeText = String(decoding: before, as: UTF8.self)
        let afterText = String(decoding: after, as: UTF8.self)
        XCTAssertTrue(afterText.contains("\n   crs:Exposure2012=\"+0.35\"\n   crs:Contrast2012=\"+12\"\n"))
        let tail = beforeText[beforeText.range(of: "</x:xmpmeta>")!.lowerBound...]
        XCTAssertTrue(afterText.hasSuffix(tail), "padding and xpacket end kept byte for byte")
        XCTAssertTrue(afterText.hasPrefix("\u{FEFF}<?xpacket begin=\"\u{FEFF}\""))
        // New properties line up with the others.
        XCTAssertTrue(afterText.contains("\n   xmp:MetadataDate=\"2026-05-05T18:53:20+02:00\""))
        XCTAssertTrue(afterText.contains("\n    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\""))
    }

    func testMergeLeavesAbsentSettingsAlone() throws {
        var partial = predicted
        partial[.vibrance] = nil
        partial[.saturation] = nil
        let before = try Data(contentsOf: TestPaths.fixture("lr6-brush-corrections.xmp"))
        let after = try SidecarMerger.merge(content(partial, rawFileName: "DSC_0001.NEF"), into: before, source: "lr6")
        let packet = try XMPReader().read(data: after, source: "lr6")
        XCTAssertEqual(packet.settings["Vibrance"], 9, "not predicted, so the photographer's value stays")
        XCTAssertEqual(packet.settings["Exposure2012"], 0.35)
    }

    func testMergeIsIdempotent() throws {
        for (fixture, raw) in sidecars {
            let (_, once) = try merged(fixture, raw: raw)
            let twice = try SidecarMerger.merge(content(rawFileName: raw), into: once, source: fixture)
            XCTAssertEqual(once, twice, fixture)
        }
    }

    func testNewSidecarIsShapedLikeLightroom() throws {
        let data = try SidecarMerger.newSidecar(content(rawFileName: "IMG_5952.CR2"))
        let expected = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="AutoTone">
             <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about=""
                xmlns:xmp="http://ns.adobe.com/xap/1.0/"
                xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
                xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"
                xmp:MetadataDate="2026-05-05T18:53:20+02:00"
                photoshop:SidecarForExtension="CR2"
                crs:Version="15.4"
                crs:ProcessVersion="15.4"
                crs:Exposure2012="+0.35"
                crs:Contrast2012="+12"
                crs:Highlights2012="-40"
                crs:Shadows2012="+25"
                crs:Whites2012="+8"
                crs:Blacks2012="-8"
                crs:Vibrance="+10"
                crs:Saturation="0"
                crs:HasSettings="True"
                crs:AlreadyApplied="False"
                crs:RawFileName="IMG_5952.CR2"/>
             </rdf:RDF>
            </x:xmpmeta>

            """
        XCTAssertEqual(String(decoding: data, as: UTF8.self), expected)
    }

    func testRoundTripNewSidecar() throws {
        let stamp = AutoToneStamp(model: "vit & \"co\" <1>", rawFingerprint: "size:123;mtime:'9'", settings: predicted)
        let data = try SidecarMerger.newSidecar(content(hdr: true, stamp: stamp))
        let packet = try XMPReader().read(data: data, source: "new")
        XCTAssertEqual(packet.settings, predicted)
        XCTAssertTrue(packet.isHDR)
        XCTAssertEqual(packet.autoToneStamp, stamp, "escaping round-trips")
        XCTAssertEqual(packet.processVersion, "15.4")
        XCTAssertEqual(packet.sidecarForExtension, "CR2")
        XCTAssertTrue(packet.holdsUneditedAutoTonePrediction)
        XCTAssertFalse(packet.hasPhotographerSettings)
        XCTAssertEqual(packet.labelExclusion, .autoTonePrediction(model: stamp.model))
    }

    func testPhotographerEditAfterAutoToneMakesItALabelAgain() throws {
        let stamp = AutoToneStamp(model: "m1", rawFingerprint: nil, settings: predicted)
        let ours = try SidecarMerger.newSidecar(content(stamp: stamp))
        // The photographer changes Exposure in Lightroom, which keeps our namespace.
        let edited = Data(String(decoding: ours, as: UTF8.self)
            .replacingOccurrences(of: "crs:Exposure2012=\"+0.35\"", with: "crs:Exposure2012=\"+0.80\"").utf8)
        let packet = try XMPReader().read(data: edited, source: "edited")
        XCTAssertFalse(packet.holdsUneditedAutoTonePrediction)
        XCTAssertTrue(packet.hasPhotographerSettings)
        XCTAssertTrue(packet.isLabel)
    }

    func testUnreadableOrStructuredExistingIsRefused() throws {
        XCTAssertThrowsError(try SidecarMerger.merge(content(), into: Data("<x:xmpmeta".utf8), source: "broken.xmp")) {
            guard case .existingUnreadable(let path, _) = $0 as? SidecarWriteError else { return XCTFail("\($0)") }
            XCTAssertEqual(path, "broken.xmp")
        }
        let structured = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/">
            <crs:Exposure2012><rdf:Seq><rdf:li>1</rdf:li></rdf:Seq></crs:Exposure2012></rdf:Description></rdf:RDF></x:xmpmeta>
            """
        XCTAssertThrowsError(try SidecarMerger.merge(content(), into: Data(structured.utf8), source: "odd.xmp")) {
            guard case .cannotMerge = $0 as? SidecarWriteError else { return XCTFail("\($0)") }
        }
        var bad = content()
        bad.autoToneProperties["not a name"] = "x"
        XCTAssertThrowsError(try SidecarMerger.newSidecar(bad)) {
            XCTAssertEqual($0 as? SidecarWriteError, .invalidPropertyName("not a name"))
        }
    }

    func testPrefixClashGetsAFreshPrefix() throws {
        // `crs` bound to something else and no Camera Raw namespace at all.
        let xml = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
             <rdf:Description rdf:about="" xmlns:crs="urn:something-else" crs:Exposure2012="keep"/>
            </rdf:RDF></x:xmpmeta>
            """
        let after = try SidecarMerger.merge(content(), into: Data(xml.utf8), source: "clash.xmp")
        let text = String(decoding: after, as: UTF8.self)
        XCTAssertTrue(text.contains("xmlns:crs1=\"http://ns.adobe.com/camera-raw-settings/1.0/\""))
        XCTAssertTrue(text.contains("crs:Exposure2012=\"keep\""))
        XCTAssertEqual(try XMPReader().read(data: after, source: "clash").settings, predicted)
    }

    func testNewPrefixDoesNotCaptureAnUndeclaredOne() throws {
        // Found by fuzzing (merge-preserves): `xmp:` used but never declared, so libxml2 keeps
        // `xmp:CreatorTool` in no namespace; declaring `xmlns:xmp` for MetadataDate would have
        // moved it into the XMP namespace.
        let xml = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
             <rdf:Description rdf:about="" xmp:CreatorTool="Lightroom"/>
            </rdf:RDF></x:xmpmeta>
            """
        let after = try SidecarMerger.merge(content(), into: Data(xml.utf8), source: "unbound.xmp")
        let text = String(decoding: after, as: UTF8.self)
        XCTAssertFalse(text.contains("xmlns:xmp="), text)
        XCTAssertTrue(text.contains("xmlns:xmp1=\"\(XMPNamespace.xmp)\""), text)
        let packet = try XMPReader().read(data: after, source: "unbound")
        XCTAssertNil(packet.creatorTool)
        XCTAssertEqual(packet.settings, predicted)
    }

    func testEmptyElementValueIsFilledIn() throws {
        let xml = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
             <rdf:Description rdf:about="" xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/">
              <crs:Exposure2012/>
             </rdf:Description>
            </rdf:RDF></x:xmpmeta>
            """
        let after = try SidecarMerger.merge(content(), into: Data(xml.utf8), source: "empty.xmp")
        XCTAssertTrue(String(decoding: after, as: UTF8.self).contains("<crs:Exposure2012>+0.35</crs:Exposure2012>"))
        XCTAssertEqual(try XMPReader().read(data: after, source: "empty").settings, predicted)
    }
}
