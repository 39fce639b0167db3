import Catalog
import CatalogTestSupport
import Foundation
import XCTest
import XMP
@testable import Training

/// Labels from a Lightroom catalog are the labels the same edits give as sidecars (or as the
/// XMP saved into a DNG), and where the two disagree the photographer hears it.
final class CatalogDatasetTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-dataset-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Builds a catalog with `Scripts/make-test-catalog.py`.
    private func makeCatalog(_ spec: [String: Any], schema: String = "classic14") throws -> LightroomCatalog {
        try LightroomCatalog(url: TestCatalog.make(spec, at: folder.appendingPathComponent("Catalog-\(UUID()).lrcat"),
                                                   schema: schema))
    }

    /// The develop dictionary the script writes as Lua, from settings as Lightroom stores them.
    private func develop(_ settings: DevelopSettings, hdr: Bool = false) -> [String: Any] {
        var values: [String: Any] = ["ProcessVersion": "15.4", "WhiteBalance": "As Shot",
                                     "ToneCurvePV2012": [0, 0, 255, 255]]
        for (descriptor, value) in settings.present { values[descriptor.name] = value }
        if hdr { values["HDREditMode"] = 1 }
        return values
    }

    func testTheSampleShootsEditsGiveTheSameLabelsFromACatalog() throws {
        let shoot = Self.repository.appendingPathComponent("SampleRAWs/shoot")
        let fromFiles = RawDataset.load([shoot.path], space: .lightroomBasic)
        XCTAssertGreaterThanOrEqual(fromFiles.photos.count, 20)
        let photos: [[String: Any]] = fromFiles.photos.map { photo in
            ["root": 0, "folder": "shoot/", "file": photo.name, "develop": develop(photo.settings, hdr: photo.isHDR),
             "hdr": photo.isHDR]
        }
        for schema in ["lr6", "classic14"] {
            let catalog = try makeCatalog(["roots": [["absolutePath": shoot.deletingLastPathComponent().path + "/"]],
                                           "photos": photos], schema: schema)
            let fromCatalog = try RawDataset.load([shoot.path], space: .lightroomBasic, catalog: catalog)
            XCTAssertEqual(fromCatalog.photos.count, fromFiles.photos.count, schema)
            for (a, b) in zip(fromFiles.photos, fromCatalog.photos) {
                XCTAssertEqual(a.url, b.url)
                XCTAssertEqual(a.settings, b.settings, "\(schema) \(a.name)")
                XCTAssertEqual(a.label, b.label, "\(schema) \(a.name)")
                XCTAssertEqual(a.isHDR, b.isHDR, "\(schema) \(a.name)")
                XCTAssertEqual(a.captureTime, b.captureTime)
                XCTAssertTrue(b.labelSource.contains(".lrcat (image "), b.labelSource)
            }
            XCTAssertEqual(fromCatalog.skipped, fromFiles.skipped)
            XCTAssertEqual(fromCatalog.notices, [], "the embedded XMP and the catalog agree")
        }
    }

    func testCatalogWinsOverSidecarsAndSaysWhereTheyDisagree() throws {
        let shoot = folder.appendingPathComponent("wedding")
        try FileManager.default.createDirectory(at: shoot, withIntermediateDirectories: true)
        let source = Self.repository.appendingPathComponent("SampleRAWs/IMG_5952.CR2")
        let names = ["A.CR2", "B.CR2", "C.CR2", "D.CR2", "E.CR2", "F.CR2"]
        for name in names {
            try FileManager.default.copyItem(at: source, to: shoot.appendingPathComponent(name))
        }
        func settings(_ values: [String: Double]) -> DevelopSettings { DevelopSettings(values) }
        func sidecar(_ name: String, _ values: DevelopSettings, stamp: AutoToneStamp? = nil) throws {
            let data = try SidecarMerger.newSidecar(SidecarContent(settings: values, rawFileName: name, stamp: stamp))
            try data.write(to: shoot.appendingPathComponent((name as NSString).deletingPathExtension + ".xmp"))
        }
        let edit = settings(["Exposure2012": 0.5, "Contrast2012": 10])
        try sidecar("A.CR2", edit)                                                   // agrees
        try sidecar("B.CR2", settings(["Exposure2012": 0.3, "Contrast2012": 10]))    // older edit
        try sidecar("C.CR2", edit)                                                   // not in the catalog
        try sidecar("D.CR2", edit)                                                   // reset in Lightroom
        let predicted = settings(["Exposure2012": 0.7, "Shadows2012": 20])
        try sidecar("E.CR2", predicted, stamp: AutoToneStamp(model: "m", rawFingerprint: nil, settings: predicted))
        // F.CR2: only in the catalog.
        let recorded = Date(timeIntervalSinceNow: 3600).timeIntervalSinceReferenceDate
        let catalog = try makeCatalog([
            "roots": [["absolutePath": folder.path + "/"]],
            "photos": [
                ["folder": "wedding/", "file": "A.CR2", "develop": develop(edit)],
                ["folder": "wedding/", "file": "B.CR2", "develop": develop(edit), "touchTime": recorded],
                ["folder": "wedding/", "file": "D.CR2", "develop": develop(settings(["Exposure2012": 0])), "adjusted": 0],
                ["folder": "wedding/", "file": "E.CR2", "develop": develop(predicted)],
                ["folder": "wedding/", "file": "F.CR2", "develop": develop(settings(["Exposure2012": -1]))],
            ],
        ])
        let dataset = try RawDataset.load([shoot.path], space: .lightroomBasic, catalog: catalog)
        XCTAssertEqual(dataset.photos.map(\.name), ["A.CR2", "B.CR2", "C.CR2", "F.CR2"])
        XCTAssertEqual(dataset.photos[1].settings["Exposure2012"], 0.5, "the catalog wins")
        XCTAssertTrue(dataset.photos[1].labelSource.contains(".lrcat (image "))
        XCTAssertTrue(dataset.photos[2].labelSource.hasSuffix("C.xmp"), "not in the catalog: its sidecar")
        XCTAssertEqual(dataset.photos[3].settings["Exposure2012"], -1)
        let skipped = Dictionary(uniqueKeysWithValues: dataset.skipped.map { (($0.path as NSString).lastPathComponent, $0.reason) })
        XCTAssertEqual(skipped["D.CR2"], "no label: in the catalog, not developed in Lightroom (the catalog records no develop adjustments)")
        XCTAssertEqual(skipped["E.CR2"], "no label: in the catalog, the values are AutoTone's own unedited prediction (model m)")
        XCTAssertEqual(dataset.notices, [
            "B.CR2: the catalog and B.xmp disagree (Exposure2012 +0.50 in the catalog, +0.30 in the sidecar; "
                + "the catalog changed after the sidecar was written); the catalog's settings were used",
            "C.CR2: not in the catalog; the edit in C.xmp was used",
            "D.CR2: D.xmp holds an edit, but the catalog, which Lightroom shows, has none (not developed in Lightroom "
                + "(the catalog records no develop adjustments)); nothing was learnt from it",
        ])
    }
}
