import XCTest

final class ImageIOTestsPlaceholder: XCTestCase {}
