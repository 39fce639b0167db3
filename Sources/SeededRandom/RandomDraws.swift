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
    /// transform; each call uses two 64-bit outputs (more in the rare retry) and keeps no state
    /// between calls. The package's one normal draw: the synthetic sensor calls it once per
    /// photosite, hence inlinable, so callers in other modules get it specialised. O(1).
    @inlinable
    public mutating func nextGaussian(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        // u1 lies in [ε, 1), so the logarithm is finite.
        let radius = (-2 * log(nextLowBitsUniform(in: .ulpOfOne..<1))).squareRoot()
        let angle = 2 * Double.pi * nextLowBitsUniform(in: 0..<1)
        return mean + standardDeviation * radius * cos(angle)
    }

    /// A uniform draw from `range` made from the low 53 bits of one output, as Swift's standard
    /// library makes `Double.random(in: range)` today (redrawn on the rare rounding to the upper
    /// end): written out so that the stream no longer depends on the toolchain, and kept bit for
    /// bit so that the synthetic shoots, and every figure measured on them, stay as they were
    /// (SeededRandomTests pins it). New code draws with `nextUniform(in:)`.
    @inlinable
    public mutating func nextLowBitsUniform(in range: Range<Double>) -> Double {
        while true {
            let unit = Double(next() & (1 << 53 - 1)) * (Double.ulpOfOne / 2)
            let value = (range.upperBound - range.lowerBound) * unit + range.lowerBound
            if value < range.upperBound { return value }
        }
    }

    /// A uniform draw from the closed `range` as the standard library's
    /// `Double.random(in: range)` makes it today (one of 2⁵³ + 1 evenly spaced values, the upper
    /// end included), kept bit for bit like `nextLowBitsUniform(in:)` above.
    public mutating func nextLowBitsUniform(in range: ClosedRange<Double>) -> Double {
        let steps = 1 << 53
        let draw = nextIndex(below: steps + 1)
        if draw == steps { return range.upperBound }
        return (range.upperBound - range.lowerBound) * (Double(draw) * (Double.ulpOfOne / 2)) + range.lowerBound
    }

    /// A uniform integer in `range` as the standard library's `Int.random(in: range)` makes it
    /// (the lower end plus an unbiased index). O(1) expected.
    public mutating func nextInteger(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + nextIndex(below: range.upperBound - range.lowerBound + 1)
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
