// Helpers shared by the Tensor tests: random arrays and finite-difference checks.
import SeededRandom
import Tensor
import XCTest

func randomArray(_ n: Int, _ rng: inout SeededGenerator, scale: Double = 1) -> [Double] {
    (0..<n).map { _ in rng.nextGaussian() * scale }
}

/// Fails when `analytic` disagrees with central differences of `loss` over `values`.
func checkGradient(
    _ name: String, values: inout [Double], analytic: [Double], file: StaticString = #filePath, line: UInt = #line,
    loss: ([Double]) -> Double
) {
    XCTAssertEqual(values.count, analytic.count, "\(name): sizes", file: file, line: line)
    if let m = FiniteDifference.firstMismatch(values: &values, analytic: analytic, loss: loss) {
        XCTFail("\(name): \(m)", file: file, line: line)
    }
}
