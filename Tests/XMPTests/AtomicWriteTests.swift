import XCTest

@testable import XMP

/// A failure between the temporary file and the rename leaves the old sidecar intact and no
/// temporary file behind; permissions are kept; a read-only folder gives a clear error.
final class AtomicWriteTests: XCTestCase {
    private struct InjectedFailure: Error, CustomStringConvertible {
        var description: String { "injected failure" }
    }

    /// Fails every write just before the rename, after checking the temporary file is complete.
    private struct FailBeforeRename: AtomicWriteHooks {
        func beforeRename(temporary: URL, destination: URL) throws {
            XCTAssertEqual(temporary.deletingLastPathComponent().path, destination.deletingLastPathComponent().path,
                           "temporary file in the same folder")
            let written = try XMPReader().read(contentsOf: temporary)
            XCTAssertEqual(written.settings, predicted, "temporary file complete before the rename")
            throw InjectedFailure()
        }
    }

    private func folderWithSidecar(_ fixture: String = "lr6-brush-corrections.xmp") throws -> (URL, URL, URL, Data) {
        let folder = try makeScratchFolder(self)
        let raw = folder.appendingPathComponent("DSC_0001.NEF")
        try Data("raw".utf8).write(to: raw)
        let sidecar = folder.appendingPathComponent("DSC_0001.xmp")
        let old = try Data(contentsOf: TestPaths.fixture(fixture))
        try old.write(to: sidecar)
        return (folder, raw, sidecar, old)
    }

    private func contents(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    func testFailureBeforeRenameLeavesOldSidecarAndNoTemporaryFile() throws {
        let (folder, raw, sidecar, old) = try folderWithSidecar()
        let writer = SidecarWriter(
            policy: SidecarPolicy(overwritePhotographerEdits: true),
            fileWriter: AtomicFileWriter(hooks: FailBeforeRename()))
        let report = writer.write(content(rawFileName: "DSC_0001.NEF"), forRaw: raw, prediction: nil)
        XCTAssertEqual(report.outcome, .failed(.interrupted(path: sidecar.path, reason: "injected failure")))
        XCTAssertFalse(report.wrote)
        XCTAssertEqual(try Data(contentsOf: sidecar), old)
        XCTAssertEqual(try contents(folder), ["DSC_0001.NEF", "DSC_0001.xmp"])
    }

    func testFailureOnANewSidecarLeavesNothing() throws {
        let folder = try makeScratchFolder(self)
        let raw = folder.appendingPathComponent("IMG_1.CR2")
        try Data("raw".utf8).write(to: raw)
        let report = SidecarWriter(fileWriter: AtomicFileWriter(hooks: FailBeforeRename()))
            .write(content(), forRaw: raw, prediction: nil)
        guard case .failed(.interrupted) = report.outcome else { return XCTFail(report.description) }
        XCTAssertEqual(try contents(folder), ["IMG_1.CR2"])
    }

    func testPermissionsAreKeptAndNewFilesAreReadable() throws {
        let (folder, raw, sidecar, _) = try folderWithSidecar()
        XCTAssertEqual(chmod(sidecar.path, 0o640), 0)
        let report = SidecarWriter(policy: SidecarPolicy(overwritePhotographerEdits: true))
            .write(content(rawFileName: "DSC_0001.NEF"), forRaw: raw, prediction: nil)
        XCTAssertEqual(report.outcome, .merged, report.description)
        var info = stat()
        XCTAssertEqual(stat(sidecar.path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o7777, 0o640)
        XCTAssertEqual(try contents(folder), ["DSC_0001.NEF", "DSC_0001.xmp"])

        let other = folder.appendingPathComponent("IMG_2.CR2")
        try Data("raw".utf8).write(to: other)
        let created = SidecarWriter().write(content(rawFileName: "IMG_2.CR2"), forRaw: other, prediction: nil)
        XCTAssertEqual(created.outcome, .created)
        XCTAssertEqual(stat(created.sidecar.path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o7777, 0o644)
    }

    func testBackupKeepsTheFirstVersion() throws {
        let (_, raw, sidecar, old) = try folderWithSidecar()
        let writer = SidecarWriter(policy: SidecarPolicy(overwritePhotographerEdits: true),
                                   fileWriter: AtomicFileWriter(makeBackup: true))
        let first = writer.write(content(rawFileName: "DSC_0001.NEF"), forRaw: raw, prediction: nil)
        XCTAssertEqual(first.outcome, .merged)
        let backup = AtomicFileWriter.backupURL(for: sidecar)
        XCTAssertEqual(first.backup, backup)
        XCTAssertEqual(try Data(contentsOf: backup), old)
        var changed = predicted
        changed[.exposure2012] = -1
        _ = writer.write(content(changed, rawFileName: "DSC_0001.NEF"), forRaw: raw, prediction: nil)
        XCTAssertEqual(try Data(contentsOf: backup), old, "the photographer's original is never overwritten")
        XCTAssertEqual(try XMPReader().read(contentsOf: sidecar).settings["Exposure2012"], -1)
    }

    func testABackupNameTakenByALinkStopsTheWriteAndTheLinkTargetIsUntouched() throws {
        let (folder, raw, sidecar, old) = try folderWithSidecar()
        let precious = folder.appendingPathComponent("precious.NEF")
        try Data("raw bytes".utf8).write(to: precious)
        try FileManager.default.createSymbolicLink(at: AtomicFileWriter.backupURL(for: sidecar), withDestinationURL: precious)
        let writer = SidecarWriter(policy: SidecarPolicy(overwritePhotographerEdits: true),
                                   fileWriter: AtomicFileWriter(makeBackup: true))
        let report = writer.write(content(rawFileName: "DSC_0001.NEF"), forRaw: raw, prediction: nil)
        guard case .failed(let error) = report.outcome else { return XCTFail("\(report.outcome)") }
        XCTAssertTrue(error.description.contains("keeping the backup"), error.description)
        XCTAssertEqual(try Data(contentsOf: sidecar), old, "no backup, no change")
        XCTAssertEqual(try Data(contentsOf: precious), Data("raw bytes".utf8))
    }

    func testReadOnlyFolderGivesAClearError() throws {
        let (folder, raw, sidecar, old) = try folderWithSidecar("unedited-metadata-only.xmp")
        XCTAssertEqual(chmod(folder.path, 0o555), 0)
        let attempt = { SidecarWriter().write(content(rawFileName: "DSC_0001.NEF"), forRaw: raw, prediction: nil) }
        // root ignores folder permissions: drop to "nobody" for the attempt when running as root.
        let report: SidecarWriter.Report
        if geteuid() == 0 {
            guard setegid(65534) == 0, seteuid(65534) == 0 else {
                _ = setegid(0)
                throw XCTSkip("cannot drop root privileges here, so a read-only folder cannot be simulated")
            }
            report = attempt()
            XCTAssertEqual(seteuid(0), 0)
            XCTAssertEqual(setegid(0), 0)
        } else {
            report = attempt()
        }
        XCTAssertEqual(report.outcome, .failed(.folderNotWritable(path: folder.path)))
        XCTAssertTrue(report.description.contains("folder is not writable"), report.description)
        XCTAssertEqual(try Data(contentsOf: sidecar), old)
    }

    func testSymlinkedSidecarReplacesTheTarget() throws {
        let (folder, raw, sidecar, _) = try folderWithSidecar("unedited-metadata-only.xmp")
        let real = folder.appendingPathComponent("real.xmp")
        try FileManager.default.moveItem(at: sidecar, to: real)
        try FileManager.default.createSymbolicLink(at: sidecar, withDestinationURL: real)
        let report = SidecarWriter().write(content(rawFileName: "DSC_0001.NEF"), forRaw: raw, prediction: nil)
        XCTAssertEqual(report.outcome, .merged, report.description)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: sidecar.path), real.path)
        XCTAssertEqual(try XMPReader().read(contentsOf: real).settings, predicted)
    }

    func testLongestSidecarNameStillGetsATemporaryFile() throws {
        let folder = try makeScratchFolder(self)
        let name = String(repeating: "é", count: 125) + ".xmp"  // 254 bytes: the temporary name must be cut
        let sidecar = folder.appendingPathComponent(name)
        XCTAssertEqual(name.utf8.count, 254)
        try AtomicFileWriter().write(Data("new".utf8), to: sidecar)
        XCTAssertEqual(try Data(contentsOf: sidecar), Data("new".utf8))
        let template = AtomicTemporaryName.template(replacing: name, pid: 4_194_304)
        XCTAssertLessThanOrEqual(template.utf8.count, 255)
        XCTAssertNotNil(AtomicTemporaryName.owner(of: template.replacingOccurrences(of: "XXXXXX", with: "a1B2c3")))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [name])
    }
}
