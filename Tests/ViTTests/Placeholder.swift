import XCTest

final class ViTTestsPlaceholder: XCTestCase {}
