import XCTest
@testable import Predict

final class ProgressLineTests: XCTestCase {
    func testDescribesRateTimeLeftAndFailures() {
        XCTAssertEqual(ProgressLine.describe(done: 120, total: 400, failed: 2, seconds: 24, noun: "photos"),
                       "120/400 photos · 5.0/s · 56 s left · 2 failed")
        XCTAssertEqual(ProgressLine.describe(done: 400, total: 400, failed: 0, seconds: 20, noun: "photos"),
                       "400/400 photos · 20/s")
        XCTAssertEqual(ProgressLine.describe(done: 0, total: 10, failed: 0, seconds: 0, noun: "photos"),
                       "0/10 photos")
    }

    func testDurations() {
        XCTAssertEqual(ProgressLine.duration(42.4), "42 s")
        XCTAssertEqual(ProgressLine.duration(185), "3 min 05 s")
        XCTAssertEqual(ProgressLine.duration(3720), "1 h 02 min")
    }

    func testSilentWhenNotATerminal() throws {
        let pipe = Pipe()
        let line = ProgressLine(total: 3, output: pipe.fileHandleForWriting)
        line.advance()
        line.advance(failed: 1)
        line.finish()
        try pipe.fileHandleForWriting.close()
        XCTAssertEqual(pipe.fileHandleForReading.readDataToEndOfFile().count, 0)
    }

    func testRunningTotalsDrawTheLastStateAndClearIt() throws {
        let pipe = Pipe()
        let line = ProgressLine(total: 0, noun: "photos decoded", output: pipe.fileHandleForWriting, enabled: true)
        line.update(done: 1, of: 4)
        line.update(done: 4, of: 4)  // the last item draws even within 200 ms
        line.finish()
        try pipe.fileHandleForWriting.close()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("\r\u{1B}[K1/4 photos decoded"), text)
        XCTAssertTrue(text.contains("\r\u{1B}[K4/4 photos decoded"), text)
        let last = try XCTUnwrap(text.components(separatedBy: "\r\u{1B}[K").last { !$0.isEmpty })
        XCTAssertTrue(last.hasPrefix("4/4 photos decoded") && !last.contains("left"), "nothing is left at 4/4: \(last)")
        XCTAssertTrue(text.hasSuffix("\r\u{1B}[K"), "finish clears the line")
    }
}
