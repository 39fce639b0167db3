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
    enum Light: Sendable {
        /// Light falling off across the frame in one direction (window and side light), the
        /// direction in radians.
        case gradient(angle: Double)
        /// The frame darkened but for a soft pool of light (a lamp, a stage): its centre as shares
        /// of the width and height, its radius as a share of the width.
        case pool(x: Double, y: Double, radius: Double)
    }

    var light: Light
    /// How far the light falls off, in stops.
    var stops: Double
    /// The light's colour, its brightest channel 1.
    var colour: (Float, Float, Float)

    /// A lighting drawn from the composites' ranges: gradient 1.5–4 stops, pool 2–4 stops.
    static func random<G: RandomNumberGenerator>(using rng: inout G) -> Relighting {
        let isGradient = rng.nextIndex(below: 2) == 0
        let stops = isGradient ? rng.nextUniform(in: 1.5...4) : rng.nextUniform(in: 2...4)
        // Both kinds' shapes are drawn, so every sample uses the same draws (the relit run of
        // 2026-12-07 is remade bit for bit).
        let angle = rng.nextUniform(in: 0...(2 * Double.pi))
        let x = rng.nextUniform(in: 0.2...0.8), y = rng.nextUniform(in: 0.2...0.8)
        let radius = rng.nextUniform(in: 0.12...0.35)
        // A light between tungsten and shade (ProceduralScene's), part of the way from white.
        let gains = ProceduralScene.illuminant(using: &rng)
        let amount = Float(rng.nextUniform(in: 0.3...1))
        let mixed = (1 + amount * (gains.0 - 1), 1 + amount * (gains.1 - 1), 1 + amount * (gains.2 - 1))
        let brightest = max(mixed.0, mixed.1, mixed.2)
        return Relighting(light: isGradient ? .gradient(angle: angle) : .pool(x: x, y: y, radius: radius), stops: stops,
                          colour: (mixed.0 / brightest, mixed.1 / brightest, mixed.2 / brightest))
    }

    /// The photograph under this light. O(pixels).
    func apply(to image: LinearImage) -> LinearImage {
        let width = Double(image.width), height = Double(image.height)
        // How much of the light reaches (u, v), shares of the frame (1: all of it).
        let reach: (Double, Double) -> Double
        // The light's colour follows the field in a gradient, the pool's own shape in a pool.
        let colourFollowsField: Bool
        switch light {
        case .gradient(let angle):
            // The ramp runs from the brightest corner (1) to the darkest (0).
            let cosine = cos(angle), sine = sin(angle)
            colourFollowsField = true
            let corners = [0, cosine, sine, cosine + sine]
            let low = corners.min()!, span = max(corners.max()! - low, 1e-6)
            reach = { u, v in 1 - (u * cosine + v * sine - low) / span }
        case .pool(let x, let y, let radius):
            colourFollowsField = false
            let across = radius * width, spread = 2 * across * across
            reach = { u, v in
                let dx = (u - x) * width, dy = (v - y) * height
                return exp(-(dx * dx + dy * dy) / spread)
            }
        }
        var pixels = image.pixels
        for row in 0..<image.height {
            for column in 0..<image.width {
                let share = reach(Double(column) / width, Double(row) / height)
                let field = exp2(-stops * (1 - share))
                // The light's colour where it reaches, neutral ambient where it has fallen off.
                let strength = Float(colourFollowsField ? field : share)
                let gain = Float(field), index = (row * image.width + column) * 3
                pixels[index] *= gain * (1 + strength * (colour.0 - 1))
                pixels[index + 1] *= gain * (1 + strength * (colour.1 - 1))
                pixels[index + 2] *= gain * (1 + strength * (colour.2 - 1))
            }
        }
        return LinearImage(width: image.width, height: image.height, pixels: pixels)
    }
}
