import Foundation
import ImageIO
import SeededRandom
import SyntheticRAW

/// New light on a display-linear photograph, drawn afresh for each pretraining sample: the
/// `gradient` and `pool` of `Scripts/composite_scenes.py`, but on every crop rather than on a
/// fixed 168 composites, so the same 84 photographs come in many more lightings. Darkening
/// only (the field and the light's colour are at most 1), so nothing clips that the
/// photograph did not; the label is solved on the relit image, so it follows the new light.
struct Relighting: Sendable {
    enum Kind: CaseIterable, Sendable {
        /// Light falling off across the frame in one direction (window and side light).
        case gradient
        /// The frame darkened but for a soft pool of light (a lamp, a stage).
        case pool
    }

    var kind: Kind
    /// How far the light falls off, in stops.
    var stops: Double
    /// gradient: the direction of the fall-off, in radians.
    var angle: Double
    /// pool: the centre and radius of the pool, as shares of the width (x, radius) and height (y).
    var centre: (x: Double, y: Double)
    var radius: Double
    /// The light's colour, its brightest channel 1.
    var colour: (Float, Float, Float)

    /// A lighting drawn from the composites' ranges: gradient 1.5–4 stops, pool 2–4 stops.
    static func random<G: RandomNumberGenerator>(using rng: inout G) -> Relighting {
        let kind = Kind.allCases[rng.nextIndex(below: Kind.allCases.count)]
        let stops = kind == .gradient ? rng.nextUniform(in: 1.5...4) : rng.nextUniform(in: 2...4)
        let angle = rng.nextUniform(in: 0...(2 * Double.pi))
        let centre = (x: rng.nextUniform(in: 0.2...0.8), y: rng.nextUniform(in: 0.2...0.8))
        let radius = rng.nextUniform(in: 0.12...0.35)
        // A light between tungsten and shade (ProceduralScene's), part of the way from white.
        let gains = ProceduralScene.illuminant(using: &rng)
        let amount = Float(rng.nextUniform(in: 0.3...1))
        let mixed = (1 + amount * (gains.0 - 1), 1 + amount * (gains.1 - 1), 1 + amount * (gains.2 - 1))
        let brightest = max(mixed.0, mixed.1, mixed.2)
        return Relighting(kind: kind, stops: stops, angle: angle, centre: centre, radius: radius,
                          colour: (mixed.0 / brightest, mixed.1 / brightest, mixed.2 / brightest))
    }

    /// The photograph under this light. O(pixels).
    func apply(to image: LinearImage) -> LinearImage {
        let width = image.width, height = image.height
        let cosine = cos(angle), sine = sin(angle)
        // The gradient's ramp runs from 0 at the brightest corner to 1 at the darkest.
        let corners = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)].map { $0.0 * cosine + $0.1 * sine }
        let low = corners.min()!, span = max(corners.max()! - low, 1e-6)
        let pixelsAcross = Double(width)
        var pixels = image.pixels
        for y in 0..<height {
            let v = Double(y) / Double(height)
            for x in 0..<width {
                let u = Double(x) / Double(width)
                // How much of the light reaches here (1: all of it), and the resulting field.
                let reach: Double
                switch kind {
                case .gradient:
                    reach = 1 - ((u * cosine + v * sine) - low) / span
                case .pool:
                    let dx = (u - centre.x) * pixelsAcross, dy = (v - centre.y) * Double(height)
                    let r = radius * pixelsAcross
                    reach = exp(-(dx * dx + dy * dy) / (2 * r * r))
                }
                let field = Float(exp2(-stops * (1 - reach)))
                // The light's colour where it reaches, neutral ambient where it has fallen off.
                let strength = Float(kind == .gradient ? Double(field) : reach)
                let index = (y * width + x) * 3
                pixels[index] *= field * (1 + strength * (colour.0 - 1))
                pixels[index + 1] *= field * (1 + strength * (colour.1 - 1))
                pixels[index + 2] *= field * (1 + strength * (colour.2 - 1))
            }
        }
        return LinearImage(width: width, height: height, pixels: pixels)
    }
}
