import XCTest

@testable import XMP

/// The pure write decision, rule by rule, and the writer's reports.
final class SidecarPolicyTests: XCTestCase {
    private let raw = URL(fileURLWithPath: "/shoot/IMG_1.CR2")
    private let prediction = SidecarPolicy.Prediction(model: "vit-s16", rawFingerprint: "fp-1")

    private func location(_ names: [String], raw: URL? = nil) -> SidecarLocation {
        SidecarLocation(raw: raw ?? self.raw, directoryListing: names)
    }

    private func packet(_ fixture: String) throws -> SidecarPolicy.Existing {
        .packet(try XMPReader().read(contentsOf: TestPaths.fixture(fixture)))
    }

    private func packet(stampedBy model: String, fingerprint: String?, edited: Bool = false) throws -> SidecarPolicy.Existing {
        let stamp = AutoToneStamp(model: model, rawFingerprint: fingerprint, settings: predicted)
        var text = String(decoding: try SidecarMerger.newSidecar(content(stamp: stamp)), as: UTF8.self)
        if edited { text = text.replacingOccurrences(of: "crs:Contrast2012=\"+12\"", with: "crs:Contrast2012=\"+30\"") }
        return .packet(try XMPReader().read(data: Data(text.utf8), source: "/shoot/IMG_1.xmp"))
    }

    func testNoSidecarIsCreated() {
        let decision = SidecarPolicy().decide(location: location(["IMG_1.CR2"]), existing: .none, prediction: prediction)
        XCTAssertEqual(decision.action, .create(URL(fileURLWithPath: "/shoot/IMG_1.xmp")))
        XCTAssertEqual(decision.warnings, [])
    }

    func testPhotographerEditsAreKeptUnlessAsked() throws {
        // The fixture was written for a CR3.
        let loc = location(["IMG_1.CR3", "IMG_1.xmp"], raw: URL(fileURLWithPath: "/shoot/IMG_1.CR3"))
        let existing = try packet("lrc14-attributes-masks-look.xmp")
        XCTAssertEqual(SidecarPolicy().decide(location: loc, existing: existing, prediction: prediction).action,
                       .skip(.photographerEdits(sidecar: "/shoot/IMG_1.xmp")))
        XCTAssertEqual(SidecarPolicy(overwritePhotographerEdits: true)
            .decide(location: loc, existing: existing, prediction: prediction).action,
                       .merge(URL(fileURLWithPath: "/shoot/IMG_1.xmp")))
    }

    func testMetadataOnlySidecarsAreMerged() throws {
        let loc = location(["IMG_1.CR2", "IMG_1.xmp"])
        for fixture in ["unedited-metadata-only.xmp", "has-settings-false.xmp"] {
            var existing = try XMPReader().read(contentsOf: TestPaths.fixture(fixture))
            existing.sidecarForExtension = nil
            XCTAssertEqual(SidecarPolicy().decide(location: loc, existing: .packet(existing), prediction: prediction).action,
                           .merge(URL(fileURLWithPath: "/shoot/IMG_1.xmp")), fixture)
        }
    }

    func testOwnPredictionsAreRecognised() throws {
        let loc = location(["IMG_1.CR2", "IMG_1.xmp"])
        let target = URL(fileURLWithPath: "/shoot/IMG_1.xmp")
        let policy = SidecarPolicy()
        XCTAssertEqual(policy.decide(location: loc, existing: try packet(stampedBy: "vit-s16", fingerprint: "fp-1"),
                                     prediction: prediction).action,
                       .skip(.alreadyPredicted(sidecar: target.path, model: "vit-s16")))
        XCTAssertEqual(SidecarPolicy(repredict: true).decide(
            location: loc, existing: try packet(stampedBy: "vit-s16", fingerprint: "fp-1"), prediction: prediction).action,
                       .merge(target))
        XCTAssertEqual(policy.decide(location: loc, existing: try packet(stampedBy: "older-model", fingerprint: "fp-1"),
                                     prediction: prediction).action, .merge(target), "an older prediction is replaced")
        XCTAssertEqual(policy.decide(location: loc, existing: try packet(stampedBy: "vit-s16", fingerprint: "fp-0"),
                                     prediction: prediction).action, .merge(target), "the RAW changed")
        XCTAssertEqual(policy.decide(location: loc, existing: try packet(stampedBy: "vit-s16", fingerprint: "fp-1", edited: true),
                                     prediction: prediction).action,
                       .skip(.photographerEdits(sidecar: target.path)), "edited since: now the photographer's")
    }

    func testDNGNeedsARequestAndGetsAWarning() throws {
        let dng = URL(fileURLWithPath: "/shoot/IMG_2.DNG")
        let loc = location(["IMG_2.DNG"], raw: dng)
        XCTAssertEqual(SidecarPolicy().decide(location: loc, existing: .none, prediction: nil).action,
                       .skip(.dngNotRequested(raw: dng.path)))
        let asked = SidecarPolicy(writeSidecarForDNG: true).decide(location: loc, existing: .none, prediction: nil)
        XCTAssertEqual(asked.action, .create(URL(fileURLWithPath: "/shoot/IMG_2.xmp")))
        XCTAssertEqual(asked.warnings, [.dngSidecarIgnoredByLightroom(sidecar: "/shoot/IMG_2.xmp")])
        XCTAssertTrue(asked.warnings[0].description.contains("Lightroom will not read it"))
    }

    func testRefusals() {
        let clash = SidecarPolicy().decide(location: location(["IMG_1.CR2", "IMG_1.NEF"]), existing: .none, prediction: nil)
        XCTAssertEqual(clash.action, .refuse(.baseNameClash(raw: raw.path, sidecar: "/shoot/IMG_1.xmp", others: ["IMG_1.NEF"])))
        let broken = XMPReadError.malformed(path: "/shoot/IMG_1.xmp", line: 3, message: "x")
        XCTAssertEqual(SidecarPolicy(overwritePhotographerEdits: true).decide(
            location: location(["IMG_1.CR2", "IMG_1.xmp"]), existing: .unreadable(broken), prediction: nil).action,
                       .refuse(.existingUnreadable(path: "/shoot/IMG_1.xmp", error: broken)))
    }

    func testWriterReportsWhatItDid() throws {
        let folder = try makeScratchFolder(self)
        let raw = folder.appendingPathComponent("IMG_1.CR2")
        try Data("raw".utf8).write(to: raw)
        let writer = SidecarWriter()
        let stamp = AutoToneStamp(model: "vit-s16", rawFingerprint: "fp-1", settings: predicted)

        XCTAssertEqual(writer.plan(forRaw: raw, prediction: prediction).action,
                       .create(folder.appendingPathComponent("IMG_1.xmp")))
        let created = writer.write(content(stamp: stamp), forRaw: raw, prediction: prediction)
        XCTAssertEqual(created.outcome, .created)
        XCTAssertTrue(created.wrote)
        XCTAssertTrue(created.description.hasPrefix("created "), created.description)

        let again = writer.write(content(stamp: stamp), forRaw: raw, prediction: prediction)
        XCTAssertEqual(again.outcome, .skipped(.alreadyPredicted(sidecar: created.sidecar.path, model: "vit-s16")))

        var newer = predicted
        newer[.contrast2012] = 30
        let newStamp = AutoToneStamp(model: "vit-s16-v2", rawFingerprint: "fp-1", settings: newer)
        let merged = writer.write(content(newer, stamp: newStamp), forRaw: raw,
                                  prediction: .init(model: "vit-s16-v2", rawFingerprint: "fp-1"))
        XCTAssertEqual(merged.outcome, .merged)
        XCTAssertEqual(try XMPReader().read(contentsOf: merged.sidecar).settings["Contrast2012"], 30)

        // The photographer edits in Lightroom: now it is theirs.
        let edited = try String(contentsOf: merged.sidecar, encoding: .utf8)
            .replacingOccurrences(of: "crs:Contrast2012=\"+30\"", with: "crs:Contrast2012=\"+5\"")
        try Data(edited.utf8).write(to: merged.sidecar)
        let skipped = writer.write(content(stamp: stamp), forRaw: raw, prediction: prediction)
        XCTAssertEqual(skipped.outcome, .skipped(.photographerEdits(sidecar: merged.sidecar.path)))
        XCTAssertTrue(skipped.description.contains("photographer"), skipped.description)
        XCTAssertEqual(try XMPReader().read(contentsOf: merged.sidecar).settings["Contrast2012"], 5)
        XCTAssertTrue(SidecarReading.read(forRaw: raw).isLabel)
    }

    func testTwoSpellingsOfTheSidecarAreRefusedAndAreNoLabel() throws {
        let loc = location(["IMG_1.CR2", "IMG_1.xmp", "IMG_1.XMP"])
        XCTAssertTrue(loc.hasAmbiguousSidecars)
        let decision = SidecarPolicy().decide(location: loc, existing: try packet("unedited-metadata-only.xmp"), prediction: prediction)
        guard case .refuse(.ambiguousSidecars(_, let names)) = decision.action else { return XCTFail("\(decision.action)") }
        XCTAssertEqual(names, ["IMG_1.xmp", "IMG_1.XMP"])
        XCTAssertFalse(location(["IMG_1.CR2", "IMG_1.XMP"]).hasAmbiguousSidecars, "one spelling, whichever case, is fine")
        let reading = SidecarReading.read(forRaw: raw, location: loc)
        XCTAssertNil(reading.label)
        XCTAssertEqual(reading.exclusion, .ambiguousSidecars(names: ["IMG_1.xmp", "IMG_1.XMP"]))
    }

    func testDevelopValuesWithoutHasSettingsAreSomeonesEdit() throws {
        func read(_ attributes: String) throws -> XMPPacket {
            let text = """
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                <rdf:Description rdf:about="" xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/" \(attributes)/>
                </rdf:RDF></x:xmpmeta>
                """
            return try XMPReader().read(data: Data(text.utf8), source: "/shoot/IMG_1.xmp")
        }
        for attributes in ["crs:Exposure2012=\"+1.25\"", "crs:Exposure2012=\"bright\"", "crs:Clarity2012=\"+20\""] {
            let packet = try read(attributes)
            XCTAssertTrue(packet.hasPhotographerSettings, attributes)
            XCTAssertEqual(SidecarPolicy().decide(location: location(["IMG_1.CR2", "IMG_1.xmp"]), existing: .packet(packet),
                                                  prediction: prediction).action,
                           .skip(.photographerEdits(sidecar: "/shoot/IMG_1.xmp")), attributes)
            XCTAssertFalse(packet.isLabel, "without HasSettings Lightroom ignores them, so they teach nothing: \(attributes)")
        }
        for attributes in ["crs:RawFileName=\"IMG_1.CR2\"", "crs:HasSettings=\"False\" crs:HasCrop=\"False\""] {
            XCTAssertFalse(try read(attributes).hasPhotographerSettings, attributes)
        }
    }
}
