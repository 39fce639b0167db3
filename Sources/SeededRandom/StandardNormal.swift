import Foundation

extension RandomNumberGenerator {
    /// A standard normal deviate (Box–Muller; uses two uniform draws from the standard library's
    /// `Double.random`, so it is only as portable as that).
    public mutating func nextStandardNormal() -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let u2 = Double.random(in: 0..<1, using: &self)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}
