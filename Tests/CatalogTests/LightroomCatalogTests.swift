import Foundation
import XCTest
import CatalogTestSupport
import XMP
@testable import Catalog

final class LightroomCatalogTests: XCTestCase {
    /// Photos in every shape the XMP label tests have, in two roots (one recorded on Windows).
    static func spec(root: URL) -> [String: Any] {
        let pv = "15.4"
        func photo(_ file: String, _ develop: Any?, extra: [String: Any] = [:]) -> [String: Any] {
            var entry: [String: Any] = ["root": 0, "folder": "shoot/", "file": file, "develop": develop ?? NSNull()]
            entry.merge(extra) { _, new in new }
            return entry
        }
        return [
            "roots": [["name": "Pictures", "absolutePath": root.path + "/"],
                      ["name": "Archive", "absolutePath": "C:/Users/ana/Pictures/"]],
            "photos": [
                photo("EDITED.CR2", ["Exposure2012": 0.35, "Contrast2012": -12, "Highlights2012": -40, "Shadows2012": 25,
                                     "Whites2012": 8, "Blacks2012": -6, "Vibrance": 15, "Saturation": -3,
                                     "ProcessVersion": pv, "ToneCurvePV2012": [0, 0, 128, 140, 255, 255],
                                     "MaskGroupBasedCorrections": [["CorrectionName": "Sky \"blue\"\n",
                                                                    "Masks": [["What": "Mask/Image", "MaskValue": 1]]]]],
                      extra: ["virtualCopies": [["copyName": "Copy 1", "develop": ["Exposure2012": 2, "ProcessVersion": pv]]],
                              "staleRows": [["Exposure2012": -1, "ProcessVersion": pv]],
                              "touchTime": 800_000_000]),
                photo("BW.CR2", ["Exposure2012": -0.5, "Contrast2012": 20, "ProcessVersion": pv, "ConvertToGrayscale": true]),
                photo("HDR.DNG", ["Exposure2012": 1.5, "ProcessVersion": pv, "HDREditMode": 1], extra: ["hdr": true]),
                photo("LEGACY.CR2", ["Exposure2012": 0.5, "ProcessVersion": "5.7"]),
                photo("NOPV.CR2", ["Exposure2012": 0.5]),
                photo("UNTOUCHED.CR2", ["Exposure2012": 0, "ProcessVersion": pv], extra: ["adjusted": 0]),
                photo("NOSETTINGS.CR2", nil),
                photo("INVALID.CR2", ["Exposure2012": "abc", "ProcessVersion": pv]),
                photo("BROKEN.CR2", ["$lua": "s = { Exposure2012 = 0.35, "]),
                ["root": 1, "folder": "2026/elsewhere/", "file": "WINDOWS.NEF",
                 "develop": ["Exposure2012": -1.2, "Whites2012": 30, "ProcessVersion": "11.0"]],
                ["root": 1, "folder": "a/twice/", "file": "TWICE.CR2", "develop": ["Exposure2012": 1, "ProcessVersion": pv]],
                ["root": 1, "folder": "b/twice/", "file": "TWICE.CR2", "develop": ["Exposure2012": 2, "ProcessVersion": pv]],
            ],
        ]
    }

    func readings(schema: String) throws -> (URL, CatalogLabels) {
        let folder = try TestCatalog.folder()
        let shoot = folder.appendingPathComponent("shoot")
        try FileManager.default.createDirectory(at: shoot, withIntermediateDirectories: true)
        let catalogURL = try TestCatalog.make(Self.spec(root: folder), at: folder.appendingPathComponent("Test.lrcat"), schema: schema)
        let names = ["EDITED.CR2", "BW.CR2", "HDR.DNG", "LEGACY.CR2", "NOPV.CR2", "UNTOUCHED.CR2", "NOSETTINGS.CR2",
                     "INVALID.CR2", "BROKEN.CR2", "NOTINCATALOG.CR2"]
        var raws = names.map { shoot.appendingPathComponent($0) }
        let elsewhere = folder.appendingPathComponent("elsewhere")
        let twice = folder.appendingPathComponent("twice")
        raws += [elsewhere.appendingPathComponent("WINDOWS.NEF"), twice.appendingPathComponent("TWICE.CR2")]
        let catalog = try LightroomCatalog(url: catalogURL)
        return (shoot, try CatalogLabels(catalog: catalog, raws: raws))
    }

    func testLabelsFollowTheSidecarRulesInEverySchema() throws {
        for schema in ["lr6", "classic10", "classic14"] {
            let (shoot, labels) = try readings(schema: schema)
            func reading(_ name: String) throws -> CatalogReading {
                try XCTUnwrap(labels.reading(for: shoot.appendingPathComponent(name)), "\(schema) \(name)").get()
            }
            let edited = try reading("EDITED.CR2")
            let label = try XCTUnwrap(edited.label, schema)
            XCTAssertEqual(label["Exposure2012"], 0.35, "\(schema): the current row, not the stale one or the virtual copy")
            XCTAssertEqual(label.formatted("Contrast2012"), "-12")
            XCTAssertEqual(label["Saturation"], -3)
            XCTAssertEqual(edited.virtualCopies, 1)
            XCTAssertEqual(edited.packet?.structuredDevelopSettings.sorted(), ["MaskGroupBasedCorrections", "ToneCurvePV2012"])
            XCTAssertEqual(edited.lastChange, Date(timeIntervalSinceReferenceDate: 800_000_000))
            XCTAssertTrue(edited.source.contains("/Test.lrcat (image "), edited.source)

            let bw = try XCTUnwrap(try reading("BW.CR2").label)
            XCTAssertNil(bw["Vibrance"], "absent is not zero")
            XCTAssertEqual(bw["Contrast2012"], 20)
            XCTAssertEqual(try reading("HDR.DNG").packet?.isHDR, true, schema)
            XCTAssertEqual(try reading("LEGACY.CR2").exclusion, .legacyProcessVersion("5.7"))
            XCTAssertEqual(try reading("NOPV.CR2").exclusion, .missingProcessVersion)
            XCTAssertEqual(try reading("UNTOUCHED.CR2").exclusion, .noDevelopSettings)
            XCTAssertTrue(try reading("UNTOUCHED.CR2").reason?.contains("not developed in Lightroom") == true)
            XCTAssertEqual(try reading("NOSETTINGS.CR2").reason, "the catalog holds no develop settings for it")
            XCTAssertEqual(try reading("INVALID.CR2").exclusion, .invalidValue(name: "Exposure2012", text: "\"abc\""))
            let broken = try reading("BROKEN.CR2")
            XCTAssertNil(broken.label)
            XCTAssertTrue(broken.reason?.contains("cannot be read: line 1") == true, broken.reason ?? "")
            XCTAssertNil(labels.reading(for: shoot.appendingPathComponent("NOTINCATALOG.CR2")))

            let folder = shoot.deletingLastPathComponent()
            let windows = try XCTUnwrap(labels.reading(for: folder.appendingPathComponent("elsewhere/WINDOWS.NEF"))).get()
            XCTAssertEqual(windows.label?["Exposure2012"], -1.2)
            XCTAssertTrue(windows.source.contains("matched by folder and file name; recorded as C:/Users/ana/Pictures/2026/elsewhere/WINDOWS.NEF"),
                          windows.source)
            guard case .failure(let problem)? = labels.reading(for: folder.appendingPathComponent("twice/TWICE.CR2")) else {
                return XCTFail("two catalog photos match twice/TWICE.CR2")
            }
            XCTAssertTrue(problem.reason.contains("2 photos in the catalog are twice/TWICE.CR2"), problem.reason)
        }
    }

    func testAutoTonesOwnPredictionReadIntoLightroomIsNotALabel() throws {
        let (shoot, labels) = try readings(schema: "classic14")
        var reading = try XCTUnwrap(labels.reading(for: shoot.appendingPathComponent("EDITED.CR2"))).get()
        let values = try XCTUnwrap(reading.label)
        var sidecar = XMPPacket(source: "EDITED.xmp", settings: values, hasSettings: true, processVersion: "15.4")
        sidecar.autoToneProperties = AutoToneStamp(model: "autotone-test", rawFingerprint: nil, settings: values).properties
        reading.adoptStamp(from: sidecar)
        XCTAssertEqual(reading.exclusion, .autoTonePrediction(model: "autotone-test"))

        var edited = try XCTUnwrap(labels.reading(for: shoot.appendingPathComponent("EDITED.CR2"))).get()
        var other = values
        other[try XCTUnwrap(values.descriptor(named: "Exposure2012"))] = 1.0
        sidecar.autoToneProperties = AutoToneStamp(model: "autotone-test", rawFingerprint: nil, settings: other).properties
        edited.adoptStamp(from: sidecar)
        XCTAssertNotNil(edited.label, "edited in Lightroom after AutoTone's sidecar was read: the photographer's")
    }

    func testBadCatalogsAreOneLineErrorsNamingTheFile() throws {
        let folder = try TestCatalog.folder()
        func message(_ url: URL) -> String {
            do {
                _ = try LightroomCatalog(url: url)
                return "opened"
            } catch {
                return error.description
            }
        }
        let missing = folder.appendingPathComponent("Missing.lrcat")
        XCTAssertEqual(message(missing), missing.path + ": no such file")
        XCTAssertTrue(message(folder).contains("is a folder"))

        let text = folder.appendingPathComponent("Notes.lrcat")
        try Data("not a database at all, just text".utf8).write(to: text)
        XCTAssertEqual(message(text), text.path + ": not a Lightroom catalog (the file is not an SQLite database; a .lrcat is one)")

        let good = try TestCatalog.make(Self.spec(root: folder), at: folder.appendingPathComponent("Good.lrcat"))
        XCTAssertEqual(message(good), "opened")

        let lock = URL(fileURLWithPath: good.path + ".lock")
        try Data().write(to: lock)
        XCTAssertTrue(message(good).hasPrefix(good.path + ": Lightroom has this catalog open (Good.lrcat.lock exists)"))
        try FileManager.default.removeItem(at: lock)

        let emptyWAL = URL(fileURLWithPath: good.path + "-wal")
        try Data().write(to: emptyWAL)
        XCTAssertEqual(message(good), "opened", "an empty write-ahead log holds nothing")
        try Data(repeating: 7, count: 4120).write(to: emptyWAL)
        XCTAssertTrue(message(good).contains("being written (Good.lrcat-wal holds 4120 bytes"), message(good))
        try FileManager.default.removeItem(at: emptyWAL)

        for version in ["0400020", "1900000", "banana"] {
            let old = try TestCatalog.make(Self.spec(root: folder), at: folder.appendingPathComponent("V\(version).lrcat"),
                                           dbVersion: version)
            XCTAssertTrue(message(old).hasPrefix(old.path + ": catalog schema version \(version) is not one AutoTone knows"),
                          message(old))
        }

        let plain = folder.appendingPathComponent("Other.lrcat")
        try TestCatalog.run("/usr/bin/env", ["python3", "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table t(x)'); c.commit()", plain.path])
        XCTAssertEqual(message(plain), plain.path + ": not a Lightroom catalog AutoTone can read (no table Adobe_images)")

        // Damaged: the header survives, the pages after it are gone.
        let damaged = folder.appendingPathComponent("Damaged.lrcat")
        let bytes = try Data(contentsOf: good)
        try (bytes.prefix(100) + Data(repeating: 0xAB, count: bytes.count - 100)).write(to: damaged)
        let damage = message(damaged)
        XCTAssertTrue(damage.hasPrefix(damaged.path + ": "), damage)
        XCTAssertNotEqual(damage, "opened")
        for text in [message(missing), message(text), damage] {
            XCTAssertFalse(text.contains("\n"), text)
        }
    }

    func testReadingNeverChangesLocksOrWaitsOnTheCatalog() throws {
        for journal in ["delete", "wal"] {
            let folder = try TestCatalog.folder()
            let url = try TestCatalog.make(Self.spec(root: folder), at: folder.appendingPathComponent("Mine.lrcat"), journal: journal)
            let before = try TestCatalog.fingerprint(url)
            do {
                let catalog = try LightroomCatalog(url: url)
                let labels = try CatalogLabels(catalog: catalog, raws: [folder.appendingPathComponent("shoot/EDITED.CR2")])
                XCTAssertNotNil(try labels.reading(for: folder.appendingPathComponent("shoot/EDITED.CR2"))?.get().label)
                // While it is open here, another program (Lightroom) can take the catalog exclusively at once.
                try TestCatalog.run("/usr/bin/env", ["python3", "-c", """
                    import sqlite3, sys
                    c = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
                    c.execute('BEGIN EXCLUSIVE'); c.execute('ROLLBACK'); c.close()
                    """, url.path])
                XCTAssertEqual(try TestCatalog.fingerprint(url), before, "\(journal): the other program changed nothing either")
            }
            XCTAssertEqual(try TestCatalog.fingerprint(url), before, "\(journal): bytes, mtime and the folder unchanged")
        }
    }

    func testSQLiteURIsAreEscaped() {
        let uri = LightroomCatalog.immutableURI(for: URL(fileURLWithPath: "/tmp/My Photos/100% #1?.lrcat"))
        XCTAssertEqual(uri, "file:/tmp/My%20Photos/100%25%20%231%3F.lrcat?mode=ro&immutable=1")
    }
}
