import Foundation
import ImageIO
import SeededRandom

/// Scene-linear pictures made from a seed, a second source of pretraining scenes with unlimited
/// variety where the photographs are thin: light far brighter than diffuse white, deep shadow,
/// coloured light, night, fog, high and low key.
///
/// Every kind is built on a dead-leaves picture (occluding discs with power-law radii and
/// log-normal reflectances: the scale-invariant statistics of natural images), lit and composed
/// in scene-linear light where 0.18 is middle grey and 1 clips the sensor, so that a sun or a
/// lamp sits 10–13 stops above its surroundings as it does in front of a camera.
public enum ProceduralScene {
    public enum Kind: String, CaseIterable, Sendable {
        /// Dead leaves under one coloured light, with cast shadows 2–5 stops deep.
        case shadedLeaves
        /// A graded sky with the sun (2¹⁰–2¹³ × middle grey) above a ground, often backlit.
        case sunAndSky
        /// A ground 5–8 stops under middle grey with warm lamps 1–5 stops above middle grey
        /// (6–13 above the ground).
        case nightLamps
        /// A dim interior with a window onto daylight 3–5 stops brighter.
        case windowInterior
        /// Dead leaves behind a veil of fog: low contrast, little colour.
        case fog
        /// Mostly light surfaces (snow, white walls, overcast beaches).
        case highKey
        /// Mostly dark surfaces with a few lit ones.
        case lowKey
    }

    /// The scene of `kind` at `width`×`height`, drawn from `rng`. O(width × height × log).
    public static func make<G: RandomNumberGenerator>(_ kind: Kind, width: Int, height: Int,
                                                      using rng: inout G) -> LinearImage {
        var picture = Canvas(width: width, height: height)
        switch kind {
        case .shadedLeaves:
            picture.deadLeaves(meanStops: 0, spreadStops: 1.2, saturation: 0.35, using: &rng)
            picture.tint(illuminant(using: &rng))
            for _ in 0..<(1 + rng.nextIndex(below: 3)) {
                picture.castShadow(stops: rng.nextUniform(in: 2...5), using: &rng)
            }
        case .sunAndSky:
            let horizon = rng.nextUniform(in: 0.3...0.65)
            picture.deadLeaves(meanStops: rng.nextUniform(in: -2...0), spreadStops: 1.1, saturation: 0.3, using: &rng)
            picture.sky(above: horizon, stops: rng.nextUniform(in: 1...3), using: &rng)
            picture.glow(x: rng.nextUniform(in: 0.1...0.9), y: horizon * rng.nextUniform(in: 0.2...1.05),
                         radius: rng.nextUniform(in: 0.005...0.02), stops: rng.nextUniform(in: 10...13),
                         colour: (1, 0.93, 0.8), halo: 3)
        case .nightLamps:
            picture.deadLeaves(meanStops: -rng.nextUniform(in: 5...8), spreadStops: 1.3, saturation: 0.3, using: &rng)
            for _ in 0..<(3 + rng.nextIndex(below: 10)) {
                let warmth = Float(rng.nextUniform(in: 0...0.5))
                picture.glow(x: rng.nextUnitInterval(), y: rng.nextUniform(in: 0.05...0.8),
                             radius: rng.nextUniform(in: 0.002...0.01), stops: rng.nextUniform(in: 1...5),
                             colour: (1, 0.85 - 0.3 * warmth, 0.6 - 0.45 * warmth), halo: 6)
            }
        case .windowInterior:
            picture.deadLeaves(meanStops: -rng.nextUniform(in: 2.5...4), spreadStops: 1.1, saturation: 0.4, using: &rng)
            picture.tint((1.15, 1, 0.8))
            var outside = Canvas(width: width, height: height)
            outside.deadLeaves(meanStops: rng.nextUniform(in: 0.5...1.5), spreadStops: 1, saturation: 0.35, using: &rng)
            outside.tint((0.92, 1, 1.1))
            let left = rng.nextUniform(in: 0.05...0.55), top = rng.nextUniform(in: 0.05...0.35)
            picture.paste(outside, x: left...(left + rng.nextUniform(in: 0.2...0.4)),
                          y: top...(top + rng.nextUniform(in: 0.3...0.55)))
        case .fog:
            picture.deadLeaves(meanStops: 0, spreadStops: 1.2, saturation: 0.3, using: &rng)
            picture.veil(transmission: rng.nextUniform(in: 0.25...0.6), stops: rng.nextUniform(in: 0...1.2))
        case .highKey:
            picture.deadLeaves(meanStops: rng.nextUniform(in: 1.2...2), spreadStops: 0.5, saturation: 0.15, using: &rng)
            picture.tint(illuminant(using: &rng))
        case .lowKey:
            picture.deadLeaves(meanStops: -rng.nextUniform(in: 2.5...4), spreadStops: 1.6, saturation: 0.35, using: &rng)
            picture.tint(illuminant(using: &rng))
        }
        return LinearImage(width: width, height: height, pixels: picture.pixels)
    }

    /// A kind drawn uniformly, then its scene.
    public static func random<G: RandomNumberGenerator>(width: Int, height: Int, using rng: inout G) -> LinearImage {
        make(Kind.allCases[rng.nextIndex(below: Kind.allCases.count)], width: width, height: height, using: &rng)
    }

    /// A light's colour from warm tungsten to cool shade, as gains on red, green and blue.
    public static func illuminant<G: RandomNumberGenerator>(using rng: inout G) -> (Float, Float, Float) {
        let warmth = Float(rng.nextUniform(in: -0.35...0.45))
        return (1 + warmth, 1, 1 - 0.8 * warmth)
    }
}

/// A scene-linear RGB picture being composed.
struct Canvas {
    let width: Int, height: Int
    var pixels: [Float]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        pixels = [Float](repeating: 0, count: width * height * 3)
    }

    /// Occluding discs, nearest first, until every pixel is covered (the last few are filled
    /// with the mean): radii from a power law r⁻³ between 1 pixel and a third of the longer side,
    /// luminance 0.18 · 2^N(`meanStops`, `spreadStops`), a hue at random with up to `saturation`.
    mutating func deadLeaves<G: RandomNumberGenerator>(meanStops: Double, spreadStops: Double, saturation: Double,
                                                       using rng: inout G) {
        var covered = [Bool](repeating: false, count: width * height)
        var remaining = width * height
        let largest = Double(max(width, height)) / 3, smallest = 1.0
        for _ in 0..<20_000 where remaining > 0 {
            // Inverse CDF of p(r) ∝ r⁻³ on [smallest, largest].
            let u = rng.nextUnitInterval()
            let radius = 1 / (1 / (smallest * smallest) - u * (1 / (smallest * smallest) - 1 / (largest * largest))).squareRoot()
            let cx = rng.nextUnitInterval() * Double(width), cy = rng.nextUnitInterval() * Double(height)
            let luminance = 0.18 * exp2(meanStops + spreadStops * rng.nextGaussian())
            let colour = Self.colour(hue: rng.nextUnitInterval(), saturation: saturation * rng.nextUnitInterval(),
                                     luminance: min(luminance, 0.95))
            let x0 = max(0, Int(cx - radius)), x1 = min(width - 1, Int(cx + radius))
            let y0 = max(0, Int(cy - radius)), y1 = min(height - 1, Int(cy + radius))
            guard x0 <= x1, y0 <= y1 else { continue }
            for y in y0...y1 {
                let dy = Double(y) + 0.5 - cy
                for x in x0...x1 {
                    let dx = Double(x) + 0.5 - cx
                    let index = y * width + x
                    guard !covered[index], dx * dx + dy * dy <= radius * radius else { continue }
                    covered[index] = true
                    remaining -= 1
                    pixels[index * 3] = colour.0
                    pixels[index * 3 + 1] = colour.1
                    pixels[index * 3 + 2] = colour.2
                }
            }
        }
        let grey = Float(0.18 * exp2(meanStops))
        for index in covered.indices where !covered[index] {
            pixels[index * 3] = grey
            pixels[index * 3 + 1] = grey
            pixels[index * 3 + 2] = grey
        }
    }

    /// A reflectance of `luminance` (Rec. 709 weights) with the given hue and saturation.
    static func colour(hue: Double, saturation: Double, luminance: Double) -> (Float, Float, Float) {
        let angle = 2 * Double.pi * hue
        var rgb = [1 + saturation * cos(angle), 1 + saturation * cos(angle - 2 * .pi / 3),
                   1 + saturation * cos(angle + 2 * .pi / 3)].map { max($0, 0.02) }
        let y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
        rgb = rgb.map { $0 * luminance / y }
        return (Float(rgb[0]), Float(rgb[1]), Float(rgb[2]))
    }

    mutating func tint(_ gains: (Float, Float, Float)) {
        for index in stride(from: 0, to: pixels.count, by: 3) {
            pixels[index] *= gains.0
            pixels[index + 1] *= gains.1
            pixels[index + 2] *= gains.2
        }
    }

    /// Everything on one side of a random line (or inside a large disc) 2^`stops` darker and
    /// bluer, lit by the sky alone: a cast shadow.
    mutating func castShadow<G: RandomNumberGenerator>(stops: Double, using rng: inout G) {
        let gain = Float(exp2(-stops))
        let angle = rng.nextUnitInterval() * 2 * .pi, offset = rng.nextUniform(in: -0.3...0.3)
        let (nx, ny) = (cos(angle), sin(angle))
        for y in 0..<height {
            for x in 0..<width {
                let u = Double(x) / Double(width) - 0.5, v = Double(y) / Double(height) - 0.5
                guard u * nx + v * ny > offset else { continue }
                let index = (y * width + x) * 3
                pixels[index] *= gain * 0.85
                pixels[index + 1] *= gain
                pixels[index + 2] *= gain * 1.2
            }
        }
    }

    /// Above `horizon` (a fraction of the height), a sky 2^`stops` brighter than middle grey,
    /// deepest blue at the top, paler toward the horizon.
    mutating func sky<G: RandomNumberGenerator>(above horizon: Double, stops: Double, using rng: inout G) {
        let depth = rng.nextUniform(in: 0.2...0.6)
        let line = Int(horizon * Double(height))
        for y in 0..<max(0, min(line, height)) {
            let height01 = 1 - Double(y) / max(Double(line), 1)  // 1 at the top, 0 at the horizon
            let luminance = 0.18 * exp2(stops - 0.8 * height01)
            let blue = depth * height01
            let colour = Canvas.colour(hue: 0.6, saturation: blue, luminance: luminance)
            for x in 0..<width {
                let index = (y * width + x) * 3
                pixels[index] = colour.0
                pixels[index + 1] = colour.1
                pixels[index + 2] = colour.2
            }
        }
    }

    /// A light at (`x`, `y`) (fractions of the width and height) of `radius` (fraction of the
    /// width), 2^`stops` × middle grey, with a halo falling off over `halo` radii.
    mutating func glow(x: Double, y: Double, radius: Double, stops: Double, colour: (Float, Float, Float), halo: Double) {
        let cx = x * Double(width), cy = y * Double(height), r = max(radius * Double(width), 0.5)
        let peak = 0.18 * exp2(stops)
        // Out to where the halo falls under 0.001 (invisible even beside deep shadow).
        let reach = Int(r * (1 + halo * max(1, log(peak * 20))))
        let top = max(0, Int(cy) - reach), bottom = min(height - 1, Int(cy) + reach)
        let left = max(0, Int(cx) - reach), right = min(width - 1, Int(cx) + reach)
        guard top <= bottom, left <= right else { return }
        for py in top...bottom {
            for px in left...right {
                let distance = ((Double(px) + 0.5 - cx) * (Double(px) + 0.5 - cx) + (Double(py) + 0.5 - cy) * (Double(py) + 0.5 - cy)).squareRoot()
                let light = distance <= r ? peak : peak * 0.02 * exp(-(distance - r) / (r * halo))
                let index = (py * width + px) * 3
                pixels[index] += Float(light) * colour.0
                pixels[index + 1] += Float(light) * colour.1
                pixels[index + 2] += Float(light) * colour.2
            }
        }
    }

    /// `other` inside the rectangle `x` × `y` (fractions of the width and height).
    mutating func paste(_ other: Canvas, x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let x0 = Int(x.lowerBound * Double(width)), x1 = min(width, Int(x.upperBound * Double(width)))
        let y0 = Int(y.lowerBound * Double(height)), y1 = min(height, Int(y.upperBound * Double(height)))
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 {
            let start = (row * width + x0) * 3, end = (row * width + x1) * 3
            pixels.replaceSubrange(start..<end, with: other.pixels[start..<end])
        }
    }

    /// Fog: `transmission` of the scene through a flat grey veil 2^`stops` × middle grey.
    mutating func veil(transmission: Double, stops: Double) {
        let t = Float(transmission), light = Float(0.18 * exp2(stops)) * (1 - t)
        for index in pixels.indices { pixels[index] = pixels[index] * t + light }
    }
}
