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
}
