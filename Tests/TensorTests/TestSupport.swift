// Helpers shared by the Tensor tests: random arrays and finite-difference checks.
import Tensor
import XCTest

func randomArray(_ n: Int, _ rng: inout SeededGenerator, scale: Double = 1) -> [Double] {
    (0..<n).map { _ in rng.nextGaussian() * scale }
}

/// Checks `analytic` against central differences of `loss` with respect to `values`.
func checkGradient(
    _ name: String, values: inout [Double], analytic: [Double], step: Double = 1e-5,
    tolerance: Double = 1e-6, file: StaticString = #filePath, line: UInt = #line,
    loss: ([Double]) -> Double
) {
    XCTAssertEqual(values.count, analytic.count, "\(name): sizes", file: file, line: line)
    var worst = 0.0
    for i in values.indices {
        let old = values[i]
        values[i] = old + step
        let up = loss(values)
        values[i] = old - step
        let down = loss(values)
        values[i] = old
        let numeric = (up - down) / (2 * step)
        let err = abs(numeric - analytic[i]) / max(1, abs(numeric), abs(analytic[i]))
        worst = max(worst, err)
        if err > tolerance {
            XCTFail("\(name)[\(i)]: analytic \(analytic[i]) vs numeric \(numeric)", file: file, line: line)
            return
        }
    }
    XCTAssertLessThan(worst, tolerance, name, file: file, line: line)
}
