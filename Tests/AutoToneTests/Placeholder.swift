import XCTest

final class AutoToneTestsPlaceholder: XCTestCase {}
