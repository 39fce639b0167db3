import Foundation

extension RandomNumberGenerator {
    /// A standard normal deviate (Box–Muller; uses two uniform draws from the standard library's
    /// `Double.random`, so it is only as portable as that). Inlinable so that callers in other
    /// modules get it specialised for their generator (the synthetic sensor draws one per photosite).
    @inlinable
    public mutating func nextStandardNormal() -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let u2 = Double.random(in: 0..<1, using: &self)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}
