import XCTest

final class TrainingTestsPlaceholder: XCTestCase {}
