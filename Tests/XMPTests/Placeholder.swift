import XCTest

final class XMPTestsPlaceholder: XCTestCase {}
