import Foundation
import XCTest
@testable import ImageIO

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
        XCTAssertEqual(found.problems.map(\.reason), ["cannot read the folder: Permission denied"])
    }

    // Symbolic links, loops and odd names (a photographer's messy disk).

    func testLinkBackUpTheTreeIsSearchedOnceAndSaidSo() throws {
        let a = folder.appendingPathComponent("a")
        try FileManager.default.createSymbolicLink(atPath: a.appendingPathComponent("sub/up").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: a.appendingPathComponent("loop").path, withDestinationPath: ".")
        let found = PhotoDiscovery(recursive: true).find([a.path])
        XCTAssertEqual(names(found), ["a/IMG_1.CR2", "a/IMG_2.nef", "a/sub/IMG_4.Dng"])
        XCTAssertEqual(found.notices.count, 2, "\(found.notices)")
        XCTAssertTrue(found.notices.allSatisfy { $0.reason.contains("already searched") })
    }

    func testLinkedFolderIsFollowedAndItsPhotosTakenOnce() throws {
        let a = folder.appendingPathComponent("a")
        try FileManager.default.createSymbolicLink(atPath: a.appendingPathComponent("again").path,
                                                   withDestinationPath: a.appendingPathComponent("sub").path)
        let found = PhotoDiscovery(recursive: true).find([a.path])
        XCTAssertEqual(names(found), ["a/IMG_1.CR2", "a/IMG_2.nef", "a/again/IMG_4.Dng"])
        XCTAssertEqual(found.notices.map(\.reason), ["a folder already searched (a link back into the tree); not searched again"])
    }

    func testLinkedRAWIsAPhotoAndADanglingOneAProblem() throws {
        let b = folder.appendingPathComponent("b")
        try FileManager.default.createDirectory(at: b, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: b.appendingPathComponent("LINKED.CR2").path,
                                                   withDestinationPath: folder.appendingPathComponent("a/IMG_1.CR2").path)
        try FileManager.default.createSymbolicLink(atPath: b.appendingPathComponent("GONE.CR2").path,
                                                   withDestinationPath: folder.appendingPathComponent("nowhere.CR2").path)
        let found = PhotoDiscovery().find([b.path])
        XCTAssertEqual(names(found), ["b/LINKED.CR2"], "the link itself is the photo: its sidecar goes next to it")
        XCTAssertEqual(found.problems.map(\.reason), ["a symbolic link to a file that does not exist"])
    }

    func testSameFileThroughTwoPathsIsTakenOnce() throws {
        let a = folder.appendingPathComponent("a")
        try FileManager.default.linkItem(atPath: a.appendingPathComponent("IMG_1.CR2").path,
                                         toPath: a.appendingPathComponent("sub/HARD.CR2").path)
        let found = PhotoDiscovery(recursive: true).find([a.path])
        XCTAssertEqual(names(found), ["a/IMG_1.CR2", "a/IMG_2.nef", "a/sub/IMG_4.Dng"])
        XCTAssertEqual(found.notices.map(\.path), [a.appendingPathComponent("sub/HARD.CR2").path])
    }

    func testNameThatIsNotUTF8IsAProblemNamedByItsBytes() throws {
        let a = folder.appendingPathComponent("a")
        // "Ren\xe9e.CR2" in Latin-1, as an old camera or a Windows tool writes it.
        var path = Array(a.path.utf8) + Array("/Ren".utf8) + [0xE9] + Array("e.CR2".utf8)
        path.append(0)
        let fd = path.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
        XCTAssertGreaterThanOrEqual(fd, 0)
        close(fd)
        let found = PhotoDiscovery().find([a.path])
        XCTAssertEqual(names(found), ["a/IMG_1.CR2", "a/IMG_2.nef"])
        XCTAssertEqual(found.problems.map(\.path), [a.path + "/Ren\\xe9e.CR2"])
        XCTAssertTrue(found.problems[0].reason.contains("not valid UTF-8"))
        // Named on the command line, Swift repairs the bytes to U+FFFD: say so, not "no such file".
        let named = PhotoDiscovery().find([a.path + "/Ren\u{FFFD}e.CR2"])
        XCTAssertTrue(named.problems.first?.reason.contains("not valid UTF-8") ?? false, "\(named.problems)")
    }
}
