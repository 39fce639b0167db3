import XCTest

final class DevelopTestsPlaceholder: XCTestCase {}
