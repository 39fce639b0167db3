import Foundation
import XCTest

/// No command destroys a file it did not make: each reproduction of a photographer's messy disk
/// (issue 14) gives the safe outcome, with one line naming the file and the cause.
final class OutputSafetyTests: XCTestCase {
    private var folder: URL!
    private var weights: URL!
    private var shoot: URL!

    override func setUpWithError() throws {
        (folder, weights) = try MicroModel.makeFolder(prefix: "output-safety")
        shoot = try TestShoot.make(3, in: folder)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func photo(_ index: Int) -> URL { shoot.appendingPathComponent(TestShoot.photo(index)) }
    private func sidecar(_ index: Int) -> URL { shoot.appendingPathComponent(TestShoot.sidecar(index)) }
    private func bytes(_ url: URL) throws -> Data { try Data(contentsOf: url) }

    /// The command failed with one line on standard error that names `path` and says `cause`.
    private func assertRefused(_ result: CommandRunner.Result, naming path: String, saying cause: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.status, 1, result.standardError, file: file, line: line)
        let lines = result.standardError.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, result.standardError, file: file, line: line)
        XCTAssertTrue(result.standardError.contains(path), result.standardError, file: file, line: line)
        XCTAssertTrue(result.standardError.contains(cause), result.standardError, file: file, line: line)
    }

    // Issue 14, item 1: inspect --preview and preview never replace a RAW or a sidecar.

    func testInspectPreviewNeverReplacesARawOrAForeignFile() throws {
        let raw = try bytes(photo(0)), other = try bytes(photo(1))
        for target in [photo(0), photo(1)] {
            let result = try CommandRunner.run(["inspect", photo(0).path, "--preview", target.path, "--force"])
            assertRefused(result, naming: target.path, saying: "RAW")
        }
        XCTAssertEqual(try bytes(photo(0)), raw)
        XCTAssertEqual(try bytes(photo(1)), other)

        let notes = folder.appendingPathComponent("notes.jpg")
        try Data("my notes".utf8).write(to: notes)
        assertRefused(try CommandRunner.run(["inspect", photo(0).path, "--preview", notes.path]),
                      naming: notes.path, saying: "pass --force")
        XCTAssertEqual(try bytes(notes), Data("my notes".utf8))
        XCTAssertEqual(try CommandRunner.run(["inspect", photo(0).path, "--preview", notes.path, "--force"]).status, 0)
        // Now AutoTone's own JPEG: replaced without --force.
        let first = try bytes(notes)
        XCTAssertEqual(try CommandRunner.run(["inspect", photo(1).path, "--preview", notes.path]).status, 0)
        XCTAssertEqual(try bytes(notes).prefix(2), Data([0xFF, 0xD8]))
        XCTAssertEqual(first.prefix(2), Data([0xFF, 0xD8]))
    }

    func testPreviewNeverReplacesAnotherRawOrASidecar() throws {
        try TestShoot.photographerEdit.write(to: sidecar(0))
        let edit = try bytes(sidecar(0)), other = try bytes(photo(1))
        assertRefused(try CommandRunner.run(["preview", photo(0).path, photo(1).path, "--weights", weights.path, "--force"]),
                      naming: photo(1).path, saying: "RAW")
        assertRefused(try CommandRunner.run(["preview", photo(0).path, sidecar(0).path, "--weights", weights.path, "--force"]),
                      naming: sidecar(0).path, saying: "sidecar")
        // A sidecar under another name is known by its content.
        let renamed = folder.appendingPathComponent("edit.txt")
        try edit.write(to: renamed)
        assertRefused(try CommandRunner.run(["preview", photo(0).path, renamed.path, "--weights", weights.path, "--force"]),
                      naming: renamed.path, saying: "XMP sidecar")
        XCTAssertEqual(try bytes(sidecar(0)), edit)
        XCTAssertEqual(try bytes(photo(1)), other)
        XCTAssertEqual(try bytes(renamed), edit)
    }

    func testPreviewToALinkReplacesNeitherLinkNorTargetUnlessForced() throws {
        let target = folder.appendingPathComponent("keep.txt")
        try Data("keep".utf8).write(to: target)
        let link = folder.appendingPathComponent("preview.jpg")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        assertRefused(try CommandRunner.run(["preview", photo(0).path, link.path, "--weights", weights.path]),
                      naming: link.path, saying: "symbolic link")
        XCTAssertEqual(try CommandRunner.run(["preview", photo(0).path, link.path, "--weights", weights.path, "--force"]).status, 0)
        XCTAssertEqual(try bytes(target), Data("keep".utf8), "the file the link pointed to is untouched")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: link.path)[.type] as? FileAttributeType, .typeRegular)
    }

    // Item 2: finetune --out and evaluate --report.

    func testFinetuneOutNeverReplacesARawTheLabelsOrAForeignFile() throws {
        try TestShoot.photographerEdit.write(to: sidecar(1))
        let notes = folder.appendingPathComponent("notes.txt")
        try Data("my notes".utf8).write(to: notes)
        let before = try [photo(0), sidecar(1), notes].map(bytes)
        for (target, cause) in [(photo(0), "RAW"), (sidecar(1), "sidecar"), (notes, "pass --force")] {
            let result = try CommandRunner.run(["finetune", shoot.path, "--out", target.path, "--init", weights.path])
            assertRefused(result, naming: target.path, saying: cause)
        }
        XCTAssertEqual(try [photo(0), sidecar(1), notes].map(bytes), before)
    }

    func testFinetuneRefusesATrainingFolderThatIsAFile() throws {
        let out = folder.appendingPathComponent("style.safetensors")
        try Data("x".utf8).write(to: URL(fileURLWithPath: out.path + ".training"))
        let result = try CommandRunner.run(["finetune", shoot.path, "--out", out.path, "--init", weights.path,
                                            "--learner", "gradient"])
        assertRefused(result, naming: out.path + ".training", saying: "is a file")
    }

    func testEvaluateReportNeverReplacesSomeoneElsesPageAndSaysWhenTheFolderIsAFile() throws {
        let site = folder.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        let page = site.appendingPathComponent("index.html")
        try Data("<html>my site</html>".utf8).write(to: page)
        assertRefused(try CommandRunner.run(["evaluate", shoot.path, "--weights", weights.path, "--report", site.path]),
                      naming: page.path, saying: "pass --force")
        XCTAssertEqual(try bytes(page), Data("<html>my site</html>".utf8))
        let file = folder.appendingPathComponent("report.txt")
        try Data("x".utf8).write(to: file)
        assertRefused(try CommandRunner.run(["evaluate", shoot.path, "--weights", weights.path, "--report", file.path]),
                      naming: file.path, saying: "not a folder")
    }

    func testCacheDirThatIsAFileIsAnError() throws {
        let file = folder.appendingPathComponent("cache")
        try Data("x".utf8).write(to: file)
        let result = try CommandRunner.run(["evaluate", shoot.path, "--weights", weights.path, "--cache-dir", file.path])
        assertRefused(result, naming: file.path, saying: "not a folder")
    }

    // Item 3: the lock file is never opened through a link.

    func testLockLinkIsNeverWrittenThrough() throws {
        let catalog = folder.appendingPathComponent("catalog.lrcat")
        try Data("SQLite format 3\0 the catalog".utf8).write(to: catalog)
        let before = try bytes(catalog)
        let lock = shoot.appendingPathComponent(".autotone.lock")
        try FileManager.default.createSymbolicLink(at: lock, withDestinationURL: catalog)
        let result = try CommandRunner.run(["predict", shoot.path, "--weights", weights.path, "--dng-sidecars"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("is not a lock file"), result.standardError)
        XCTAssertEqual(try bytes(catalog), before)
        XCTAssertFalse(FileManager.default.fileExists(atPath: sidecar(0).path), "nothing is written in that folder")

        // A dangling link does not create its target; a hard link is not truncated either.
        try FileManager.default.removeItem(at: lock)
        let planted = folder.appendingPathComponent("planted")
        try FileManager.default.createSymbolicLink(at: lock, withDestinationURL: planted)
        XCTAssertEqual(try CommandRunner.run(["predict", shoot.path, "--weights", weights.path, "--dng-sidecars"]).status, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: planted.path))
        try FileManager.default.removeItem(at: lock)
        try FileManager.default.linkItem(at: catalog, to: lock)
        XCTAssertEqual(try CommandRunner.run(["predict", shoot.path, "--weights", weights.path, "--dng-sidecars"]).status, 1)
        XCTAssertEqual(try bytes(catalog), before)
    }

    // Items 4 and 6: loops end, linked RAWs are photos (the sidecar next to the link).

    func testRecursiveLoopEndsAndALinkedRawGetsItsSidecarNextToTheLink() throws {
        let library = folder.appendingPathComponent("library")
        try FileManager.default.createDirectory(at: library, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: library.appendingPathComponent("up"), withDestinationURL: folder)
        try FileManager.default.createSymbolicLink(at: shoot.appendingPathComponent("back"), withDestinationURL: folder)
        let link = library.appendingPathComponent("LINKED.dng")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: photo(0))
        let result = try CommandRunner.run(["predict", library.path, "--weights", weights.path, "--dng-sidecars",
                                            "--recursive", "--json"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardError.contains("already searched"), result.standardError)
        let written = result.standardOutput.split(separator: "\n").count
        XCTAssertEqual(written, 3, "the linked RAW and the shoot's three photos, less the linked one's second path: \(result.standardOutput)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: library.appendingPathComponent("LINKED.xmp").path))
    }

    // Item 7: develop values without crs:HasSettings are someone's.

    func testValuesWithoutHasSettingsAreNotOverwritten() throws {
        let scripted = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/"
             crs:Exposure2012="+1.25"/></rdf:RDF></x:xmpmeta>
            """
        try Data(scripted.utf8).write(to: sidecar(0))
        let result = try CommandRunner.run(["predict", photo(0).path, "--weights", weights.path, "--dng-sidecars", "--json"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("\"skipped\""), result.standardOutput)
        XCTAssertEqual(try String(contentsOf: sidecar(0), encoding: .utf8), scripted)
    }

    // Item 8: NAME.XMP next to NAME.xmp.

    func testTwoSpellingsOfOneSidecarAreRefused() throws {
        let upper = shoot.appendingPathComponent("P_000.XMP")
        try TestShoot.photographerEdit.write(to: upper)
        try TestShoot.metadataOnly.write(to: sidecar(0))
        let before = try [upper, sidecar(0)].map(bytes)
        let result = try CommandRunner.run(["predict", photo(0).path, "--weights", weights.path, "--dng-sidecars"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("case-insensitive"), result.standardError)
        XCTAssertEqual(try [upper, sidecar(0)].map(bytes), before)
    }

    // Item 9: warnings and failures on standard error in text mode.

    func testTextModeWarningsAndFailuresGoToStandardError() throws {
        let broken = shoot.appendingPathComponent("BROKEN.dng")
        try Data("not a dng".utf8).write(to: broken)
        let result = try CommandRunner.run(["predict", shoot.path, "--weights", weights.path, "--dng-sidecars"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("BROKEN.dng"), result.standardError)
        XCTAssertFalse(result.standardOutput.contains("BROKEN.dng"), result.standardOutput)
        XCTAssertTrue(result.standardError.contains("warning: "), "the DNG-sidecar warning: \(result.standardError)")
    }

    func testAFileNameWithALineBreakStillGivesOneLinePerProblem() throws {
        let broken = shoot.appendingPathComponent("bad\nname.dng")
        try Data("not a dng".utf8).write(to: broken)
        let result = try CommandRunner.run(["predict", broken.path, "--weights", weights.path, "--dng-sidecars"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("bad\\nname.dng"), result.standardError)
        XCTAssertTrue(result.standardError.split(separator: "\n").allSatisfy { $0.hasPrefix("autotone: ") }, result.standardError)
    }
}
