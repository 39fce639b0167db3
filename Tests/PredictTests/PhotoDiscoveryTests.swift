import Foundation
import XCTest
@testable import Predict

final class PhotoDiscoveryTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("discovery-\(UUID())")
        for path in ["a/IMG_1.CR2", "a/IMG_2.nef", "a/IMG_2.xmp", "a/IMG_3.JPG", "a/notes.txt",
                     "a/IMG_1.CR2.xmp", "a/sub/IMG_4.Dng", "a/.hidden/IMG_5.CR2"] {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func names(_ found: PhotoDiscovery.Found) -> [String] {
        found.photos.map { $0.path.replacingOccurrences(of: folder.path + "/", with: "") }
    }

    func testFolderListsRAWsCaseInsensitivelyAndSkipsTheRest() {
        let found = PhotoDiscovery().find([folder.appendingPathComponent("a").path])
        XCTAssertEqual(names(found), ["a/IMG_1.CR2", "a/IMG_2.nef"])
        XCTAssertEqual(found.problems, [])
    }

    func testRecursiveDescendsButSkipsHiddenFolders() {
        let found = PhotoDiscovery(recursive: true).find([folder.appendingPathComponent("a").path])
        XCTAssertEqual(names(found), ["a/IMG_1.CR2", "a/IMG_2.nef", "a/sub/IMG_4.Dng"])
    }

    func testJPEGsOnlyOnRequest() {
        let found = PhotoDiscovery(includeJPEG: true).find([folder.appendingPathComponent("a").path])
        XCTAssertEqual(names(found), ["a/IMG_1.CR2", "a/IMG_2.nef", "a/IMG_3.JPG"])
    }

    func testExplicitFilesAndProblems() {
        let a = folder.appendingPathComponent("a")
        let found = PhotoDiscovery().find([
            a.appendingPathComponent("IMG_1.CR2").path, a.appendingPathComponent("IMG_3.JPG").path,
            a.appendingPathComponent("notes.txt").path, a.appendingPathComponent("missing.CR2").path,
            a.appendingPathComponent("IMG_1.CR2").path,
        ])
        XCTAssertEqual(names(found), ["a/IMG_1.CR2"], "duplicates are taken once")
        XCTAssertEqual(found.problems.map(\.reason), [
            "a JPEG (pass --include-jpeg to develop JPEGs)", "not a RAW file (.txt)", "no such file or folder",
        ])
    }

    func testUnreadableSubfolderIsAProblem() throws {
        try XCTSkipIf(getuid() == 0, "root reads every folder; permissions cannot be tested as root")
        let locked = folder.appendingPathComponent("a/sub")
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path) }
        let found = PhotoDiscovery(recursive: true).find([folder.appendingPathComponent("a").path])
        XCTAssertEqual(found.problems.map(\.reason), ["cannot read the folder"])
    }
}
