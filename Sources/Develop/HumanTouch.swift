import SeededRandom
import Foundation
import ImageIO

extension Style {
    /// The settings as this photographer would actually leave them: the solver's answer plus
    /// Gaussian noise per slider (``Hand/noise``, correlated by ``Hand/correlation`` when
    /// given), then snapped to favourite values
    /// (``Hand/favourites``), clamped and rounded to Lightroom's steps. Draws from `rng` in a
    /// fixed order, so a seeded generator gives the same labels every run.
    public func humanised<G: RandomNumberGenerator>(_ solved: DevelopAdjustments, using rng: inout G)
        -> DevelopAdjustments {
        var result = solved
        let sliders = DevelopAdjustments.Slider.allCases
        // Always draw all eight, so that one slider's noise setting does not shift the others'.
        let independent = sliders.map { _ in rng.nextGaussian() }
        var normals = independent
        if let factor = hand.correlationFactor() {
            normals = factor.map { row in zip(row, independent).reduce(0) { $0 + $1.0 * $1.1 } }
        }
        for (slider, normal) in zip(sliders, normals) {
            result[slider] += normal * (hand.noise[slider] ?? 0)
        }
        for favourite in hand.favourites {
            let draw = rng.nextLowBitsUniform(in: 0..<1)
            if abs(result[favourite.slider] - favourite.value) <= favourite.radius, draw < favourite.probability {
                result[favourite.slider] = favourite.value
            }
        }
        return result.clampedAndRounded()
    }
}
