// Central finite differences: the yardstick every backward pass is checked against.

/// Compares analytic gradients with central differences, (L(x+h) − L(x−h)) / 2h.
public enum FiniteDifference {
    public struct Mismatch: Equatable, Sendable, CustomStringConvertible {
        public let index: Int
        public let analytic: Double
        public let numeric: Double
        public var description: String { "element \(index): analytic \(analytic) vs numeric \(numeric)" }
    }

    /// Perturbs each of `count` elements at `values` in turn (restoring it afterwards) and
    /// returns the first element whose relative error |a − n| / max(floor, |a|, |n|) exceeds
    /// `tolerance`, or nil when all agree. O(count) evaluations of `loss`.
    public static func firstMismatch<S: TensorScalar>(
        values: UnsafeMutablePointer<S>, count: Int, analytic: [Double], step: Double = 1e-5,
        tolerance: Double = 1e-6, floor: Double = 1, loss: () -> Double
    ) -> Mismatch? {
        precondition(analytic.count == count, "FiniteDifference: \(analytic.count) gradients for \(count) values")
        for i in 0..<count {
            let old = values[i]
            values[i] = old + S(step)
            let up = loss()
            values[i] = old - S(step)
            let down = loss()
            values[i] = old
            let numeric = (up - down) / (2 * step)
            let err = abs(numeric - analytic[i]) / max(floor, abs(numeric), abs(analytic[i]))
            if !(err <= tolerance) { return Mismatch(index: i, analytic: analytic[i], numeric: numeric) }
        }
        return nil
    }

    /// The same over an array.
    public static func firstMismatch(
        values: inout [Double], analytic: [Double], step: Double = 1e-5, tolerance: Double = 1e-6,
        loss: ([Double]) -> Double
    ) -> Mismatch? {
        var copy = values
        defer { values = copy }
        let n = copy.count
        return copy.withUnsafeMutableBufferPointer { buf in
            let p = buf.baseAddress!
            return firstMismatch(values: p, count: n, analytic: analytic, step: step, tolerance: tolerance) {
                loss(Array(UnsafeBufferPointer(start: p, count: n)))
            }
        }
    }
}
