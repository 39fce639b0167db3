import Foundation

/// The draws the package makes from any `RandomNumberGenerator`, written out here rather than
/// taken from the standard library's `random(in:using:)` so that a seed gives the same numbers
/// on every platform and toolchain.
extension RandomNumberGenerator {
    /// A uniform draw from [0, 1) with 53 random bits. O(1).
    public mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform draw from `range` (the upper end is reached only by rounding). O(1).
    public mutating func nextUniform(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextUnitInterval()
    }

    /// A uniform integer in 0..<`bound`, without modulo bias (Lemire's multiply-and-reject).
    /// O(1) expected.
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "nextIndex(below:) needs a positive bound")
        let limit = UInt64(bound)
        var product = next().multipliedFullWidth(by: limit)
        if product.low < limit {
            let threshold = (0 &- limit) % limit
            while product.low < threshold {
                product = next().multipliedFullWidth(by: limit)
            }
        }
        return Int(product.high)
    }

    /// A draw from the normal distribution N(`mean`, `standardDeviation`²) by the Box–Muller
    /// transform; each call uses two 64-bit outputs and keeps no state between calls. O(1).
    public mutating func nextGaussian(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        // 1 − u lies in (0, 1], so the logarithm is finite.
        let radius = (-2 * log(1 - nextUnitInterval())).squareRoot()
        let angle = 2 * Double.pi * nextUnitInterval()
        return mean + standardDeviation * radius * cos(angle)
    }

    /// A normal draw with standard deviation `standardDeviation`, redrawn until it lies within
    /// ±2 standard deviations (timm's `trunc_normal_`, for weight initialisation).
    public mutating func nextTruncatedGaussian(standardDeviation: Double) -> Double {
        while true {
            let value = nextGaussian()
            if abs(value) <= 2 { return value * standardDeviation }
        }
    }

    /// `true` with probability `probability`. O(1).
    public mutating func nextBernoulli(_ probability: Double) -> Bool {
        nextUnitInterval() < probability
    }
}

extension MutableCollection where Self: RandomAccessCollection, Index == Int {
    /// Shuffles in place with the Fisher–Yates algorithm and the module's own index draws, so a
    /// seed gives the same order everywhere. O(n).
    public mutating func seededShuffle(using generator: inout some RandomNumberGenerator) {
        guard count > 1 else { return }
        for offset in stride(from: count - 1, to: 0, by: -1) {
            let other = generator.nextIndex(below: offset + 1)
            swapAt(startIndex + offset, startIndex + other)
        }
    }
}
