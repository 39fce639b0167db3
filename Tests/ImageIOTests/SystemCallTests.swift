import Foundation
import ImageIO
import XCTest

/// The package's one errno check: values through, failures as their `Errno`, EINTR retried.
final class SystemCallTests: XCTestCase {
    func testAFailedCallThrowsItsErrnoInWords() {
        XCTAssertThrowsError(try systemCall { open("/no/such/autotone/file", O_RDONLY) }) { error in
            XCTAssertEqual(error as? Errno, Errno(ENOENT))
            XCTAssertEqual("\(error)", "No such file or directory")
        }
    }

    func testASuccessfulCallReturnsItsValue() throws {
        let fd = try systemCall { open("/dev/null", O_RDONLY) }
        XCTAssertGreaterThanOrEqual(fd, 0)
        XCTAssertEqual(try systemCall { close(fd) }, 0)
    }

    func testAnInterruptedCallIsRetriedUnlessAskedNotTo() throws {
        var calls = 0
        let value = try systemCall { () -> Int32 in
            calls += 1
            if calls < 3 { errno = EINTR; return -1 }
            return 7
        }
        XCTAssertEqual(value, 7)
        XCTAssertEqual(calls, 3)
        XCTAssertThrowsError(try systemCall(retryingOnInterrupt: false) { () -> Int32 in errno = EINTR; return -1 }) { error in
            XCTAssertEqual(error as? Errno, Errno(EINTR))
        }
    }
}
