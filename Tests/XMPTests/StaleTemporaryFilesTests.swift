import Foundation
import XCTest
@testable import XMP

/// Only AutoTone's own temporary files, and only abandoned ones, are cleaned up.
final class StaleTemporaryFilesTests: XCTestCase {
    func testNamesAreRecognisedExactly() {
        XCTAssertEqual(AtomicTemporaryName.owner(of: ".IMG_1.xmp.autotone-4242-a1B2c3"), 4242)
        let template = AtomicTemporaryName.template(replacing: "IMG_1.xmp", pid: 77)
        XCTAssertEqual(AtomicTemporaryName.owner(of: template.replacingOccurrences(of: "XXXXXX", with: "Zz09aa")), 77)
        for name in ["IMG_1.xmp", ".autotone.lock", "IMG_1.xmp.autotone-4242-a1B2c3", ".IMG_1.xmp.autotone-a1B2c3",
                     ".IMG_1.xmp.autotone-4242-a1B2c", ".IMG_1.xmp.autotone-4242-a1B2c3.bak", ".autotone-4242-a1B2c3",
                     ".IMG_1.xmp.autotone--1-a1B2c3", ".IMG_1.xmp.autotone-42x-a1B2c3"] {
            XCTAssertNil(AtomicTemporaryName.owner(of: name), name)
        }
    }

    func testRemovesFilesOfGoneProcessesAndOldFilesOnly() throws {
        let folder = try makeScratchFolder(self)
        // The id of a process that has exited and been reaped.
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let gone = finished.processIdentifier
        let names = [
            "gone": ".A.xmp.autotone-\(gone)-abcdef",
            "alive": ".B.xmp.autotone-1-abcdef",  // init is always running
            "mine": ".C.xmp.autotone-\(getpid())-abcdef",
            "oldAlive": ".D.xmp.autotone-1-ghijkl",
            "sidecar": "A.xmp",
            "lookalike": ".A.xmp.autotone-\(gone)-abcdef.keep",
        ]
        for name in names.values { try Data("x".utf8).write(to: folder.appendingPathComponent(name)) }
        let old = folder.appendingPathComponent(names["oldAlive"]!).path
        var times = [timeval(tv_sec: time(nil) - 7200, tv_usec: 0), timeval(tv_sec: time(nil) - 7200, tv_usec: 0)]
        XCTAssertEqual(utimes(old, &times), 0)

        let removed = StaleTemporaryFiles.remove(in: folder)
        XCTAssertEqual(Set(removed), [names["gone"]!, names["oldAlive"]!])
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        XCTAssertEqual(left, [names["alive"]!, names["mine"]!, names["sidecar"]!, names["lookalike"]!])
    }

    func testTheWriterNamesItsTemporaryFileAfterItsProcess() throws {
        let folder = try makeScratchFolder(self)
        struct Spy: AtomicWriteHooks {
            func beforeRename(temporary: URL, destination: URL) throws {
                XCTAssertEqual(AtomicTemporaryName.owner(of: temporary.lastPathComponent), getpid())
            }
        }
        try AtomicFileWriter(hooks: Spy()).write(Data("x".utf8), to: folder.appendingPathComponent("A.xmp"))
    }
}
