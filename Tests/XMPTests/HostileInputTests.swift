import XCTest

@testable import XMP

/// Hostile or broken XML gives a clear error quickly, never a hang, a network access or a file
/// read through an entity.
final class HostileInputTests: XCTestCase {
    private let head = """
        <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
        <rdf:Description xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/" crs:HasSettings="True" crs:ProcessVersion="11.0">
        """
    private let tail = "</rdf:Description></rdf:RDF></x:xmpmeta>"

    /// Reads `data`, asserting it fails within 5 s (loose: the machine is shared; the point is
    /// that nothing hangs), and returns the error.
    private func readError(_ data: Data, file: StaticString = #filePath, line: UInt = #line) -> XMPReadError? {
        let start = Date()
        defer { XCTAssertLessThan(Date().timeIntervalSince(start), 5, "took too long", file: file, line: line) }
        do {
            _ = try XMPReader().read(data: data, source: "hostile.xmp")
            XCTFail("read succeeded", file: file, line: line)
            return nil
        } catch let error as XMPReadError {
            XCTAssertEqual(error.path, "hostile.xmp", file: file, line: line)
            XCTAssertFalse(error.description.isEmpty, file: file, line: line)
            return error
        } catch {
            XCTFail("untyped error \(error)", file: file, line: line)
            return nil
        }
    }

    func testExternalEntityPointingAtALocalFile() throws {
        let folder = try makeScratchFolder(self)
        let secret = folder.appendingPathComponent("secret.txt")
        try "TOP-SECRET-CONTENT".write(to: secret, atomically: true, encoding: .utf8)
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE x:xmpmeta [<!ENTITY leak SYSTEM "file://\(secret.path)">]>
            \(head)<crs:Label>&leak;</crs:Label>\(tail)
            """
        let error = readError(Data(xml.utf8))
        XCTAssertEqual(error, .doctypeNotAllowed(path: "hostile.xmp"))
        XCTAssertFalse(error?.description.contains("TOP-SECRET") ?? true)
    }

    func testExternalDTDIsNeverFetched() {
        let xml = "<!DOCTYPE x:xmpmeta SYSTEM \"http://127.0.0.1:9/evil.dtd\">\n" + head + tail
        XCTAssertEqual(readError(Data(xml.utf8)), .doctypeNotAllowed(path: "hostile.xmp"))
    }

    func testBillionLaughs() {
        var entities = "<!ENTITY lol0 \"lol\">\n"
        for i in 1...9 {
            entities += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">\n"
        }
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n\(entities)]>\n\(head)<crs:L>&lol9;</crs:L>\(tail)"
        XCTAssertEqual(readError(Data(xml.utf8)), .doctypeNotAllowed(path: "hostile.xmp"))
    }

    func testLowercaseDoctypeIsStillAnError() {
        let xml = "<!doctype x [<!entity e \"e\">]>\n" + head + tail
        XCTAssertNotNil(readError(Data(xml.utf8)))
    }

    func testHundredMegabyteFile() throws {
        let folder = try makeScratchFolder(self)
        let url = folder.appendingPathComponent("huge.xmp")
        XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: Data((head).utf8)))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 100 << 20)  // a 100 MB file (sparse: the disk is shared)
        try handle.close()
        let start = Date()
        XCTAssertThrowsError(try XMPReader().read(contentsOf: url)) {
            XCTAssertEqual($0 as? XMPReadError, .tooLarge(path: url.path, bytes: 100 << 20, limit: 32 << 20))
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        // The same bytes handed over in memory (as a DNG packet would be).
        var data = Data(head.utf8)
        data.append(Data(repeating: 0x20, count: (100 << 20) - data.count))
        XCTAssertEqual(readError(data), .tooLarge(path: "hostile.xmp", bytes: 100 << 20, limit: 32 << 20))
    }

    func testTenThousandDeepNesting() {
        let xml = head + String(repeating: "<crs:a>", count: 10_000) + String(repeating: "</crs:a>", count: 10_000) + tail
        guard case .tooDeep? = readError(Data(xml.utf8)) else { return XCTFail("expected tooDeep") }
    }

    func testNestingBeyondOurOwnLimit() {
        // 200 levels: under libxml2's own 256, over AutoTone's 128.
        let xml = head + String(repeating: "<crs:a>", count: 200) + String(repeating: "</crs:a>", count: 200) + tail
        XCTAssertEqual(readError(Data(xml.utf8)), .tooDeep(path: "hostile.xmp", limit: 128))
    }

    func testInvalidUTF8() {
        var data = Data((head + "<crs:Name>caf").utf8)
        data.append(contentsOf: [0xC3, 0x28, 0xFF])
        data.append(Data(("</crs:Name>" + tail).utf8))
        guard case .unsupportedEncoding? = readError(data) else { return XCTFail("expected an encoding error") }
        // libxml2 words this over two lines; the user gets one.
        let message = readError(data).map { "\($0)" } ?? ""
        XCTAssertFalse(message.contains("\n"), message)
        XCTAssertTrue(message.contains("not valid UTF-8"), message)
    }

    func testUTF16IsRefusedClearly() {
        var data = Data([0xFF, 0xFE])
        data.append((head + tail).data(using: .utf16LittleEndian)!)
        guard case .unsupportedEncoding? = readError(data) else { return XCTFail("expected an encoding error") }
        let declared = Data(("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + head + tail).utf8)
        guard case .unsupportedEncoding? = readError(declared) else { return XCTFail("expected an encoding error") }
    }

    func testTruncatedDocument() throws {
        let full = try Data(contentsOf: TestPaths.fixture("lrc14-attributes-masks-look.xmp"))
        guard case .malformed(_, let line, let message)? = readError(full.prefix(full.count / 2)) else {
            return XCTFail("expected malformed")
        }
        XCTAssertGreaterThan(line, 0)
        XCTAssertFalse(message.isEmpty)
        XCTAssertNotNil(readError(Data()))
    }

    func testDevicesAndPipesAreNotRead() throws {
        let start = Date()
        XCTAssertThrowsError(try XMPReader().read(contentsOf: URL(fileURLWithPath: "/dev/zero"))) {
            guard case .unreadable(_, let reason)? = $0 as? XMPReadError else { return XCTFail("\($0)") }
            XCTAssertEqual(reason, "not a regular file")
        }
        let folder = try makeScratchFolder(self)
        let fifo = folder.appendingPathComponent("pipe.xmp")
        XCTAssertEqual(mkfifo(fifo.path, 0o644), 0)
        XCTAssertThrowsError(try XMPReader().read(contentsOf: fifo))
        XCTAssertThrowsError(try XMPReader().read(contentsOf: folder.appendingPathComponent("missing.xmp"))) {
            guard case .unreadable? = $0 as? XMPReadError else { return XCTFail("\($0)") }
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }

    func testHostileExistingSidecarIsNeverRewritten() {
        let xml = "<!DOCTYPE x [<!ENTITY e \"e\">]>" + head + tail
        XCTAssertThrowsError(try SidecarMerger.merge(content(), into: Data(xml.utf8), source: "hostile.xmp")) {
            XCTAssertEqual(
                $0 as? SidecarWriteError,
                .existingUnreadable(path: "hostile.xmp", error: .doctypeNotAllowed(path: "hostile.xmp")))
        }
    }
}

extension HostileInputTests {
    func testControlCharacterIsMalformedNotAnEncodingProblem() {
        let xml = head + "<crs:Name>&#1;</crs:Name>" + tail
        guard case .malformed? = readError(Data(xml.utf8)) else { return XCTFail("expected malformed") }
    }
}
