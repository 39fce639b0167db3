import Develop
import Foundation
import ImageIO

/// Small synthetic linear scenes with known content, for tests.
enum TestScenes {
    /// A horizontal ramp from 4 stops below to 3 stops above middle grey, with a few colours
    /// mixed in per row: a bit of every tone and hue.
    static func ramp(width: Int = 96, height: Int = 48) -> LinearImage {
        let tints: [(Float, Float, Float)] = [(1, 1, 1), (1.3, 0.9, 0.7), (0.7, 0.95, 1.3), (0.8, 1.15, 0.8)]
        var pixels = [Float]()
        for y in 0..<height {
            let tint = tints[y * tints.count / height]
            for x in 0..<width {
                let stops = -4 + 7 * Float(x) / Float(width - 1)
                let level = 0.18 * Float.exp2(stops)
                pixels += [level * tint.0, level * tint.1, level * tint.2]
            }
        }
        return LinearImage(width: width, height: height, pixels: pixels)
    }

    /// Backlit: a bright sky (1.5–2.3 stops over grey) above a subject deep in shadow
    /// (3–5 stops under), like a portrait against a window.
    static func backlit(width: Int = 96, height: Int = 64) -> LinearImage {
        var pixels = [Float]()
        for y in 0..<height {
            for x in 0..<width {
                let variation = Float((x * 7 + y * 13) % 10) / 10
                if y < height * 2 / 5 {
                    let level = 0.18 * Float.exp2(1.5 + 0.8 * variation)
                    pixels += [level * 0.9, level, level * 1.15]
                } else {
                    let level = 0.18 * Float.exp2(-5 + 2 * variation)
                    pixels += [level * 1.2, level, level * 0.8]
                }
            }
        }
        return LinearImage(width: width, height: height, pixels: pixels)
    }

    /// Flat overcast light: every tone within about a stop of middle grey, muted colour.
    static func overcast(width: Int = 96, height: Int = 64) -> LinearImage {
        var pixels = [Float]()
        for y in 0..<height {
            for x in 0..<width {
                let variation = Float((x * 7 + y * 13) % 10) / 10
                let level = 0.18 * Float.exp2(-0.9 + 1.4 * variation)
                pixels += [level * 1.02, level, level * 0.97]
            }
        }
        return LinearImage(width: width, height: height, pixels: pixels)
    }

    /// One colour, everywhere.
    static func patch(_ red: Float, _ green: Float, _ blue: Float, width: Int = 4, height: Int = 4) -> LinearImage {
        LinearImage(width: width, height: height, red: red, green: green, blue: blue)
    }
}

/// Statistics of rendered images used by the tests.
extension DisplayImage {
    func lumaPercentile(_ fraction: Double) -> Float {
        let sorted = luma.sorted()
        return sorted[min(Int(fraction * Double(sorted.count - 1) + 0.5), sorted.count - 1)]
    }

    var meanLuma: Float { luma.reduce(0, +) / Float(width * height) }

    func pixel(_ index: Int) -> (Float, Float, Float) { (pixels[index * 3], pixels[index * 3 + 1], pixels[index * 3 + 2]) }
}

extension Float {
    static func exp2(_ x: Float) -> Float { Float(Foundation.exp2(Double(x))) }
}

extension LinearImage {
    /// The same scene with every pixel times `factor` (a brighter or darker exposure).
    func scaled(by factor: Float) -> LinearImage {
        LinearImage(width: width, height: height, pixels: pixels.map { $0 * factor })
    }
}
