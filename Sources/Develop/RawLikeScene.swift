import SeededRandom
import Foundation
import ImageIO

/// How a finished photograph is turned back into something that looks like a camera RAW.
///
/// The input is display-linear light (an sRGB photo with its transfer function undone). The
/// recipe inverts the renderer's filmic base curve (so that, with no other change, rendering
/// at zero settings would give the photo back), flattens the tonality by scaling stops around
/// middle grey by `1 − flattening` (RAWs look flat), and applies an exposure error in linear
/// light (RAWs are usually exposed to protect highlights, so the error is mostly negative).
public struct RawLikeRecipe: Sendable, Equatable, Codable {
    /// EV added in linear light.
    public var exposureError: Double
    /// 0…1: share of the tonal range (in stops around middle grey) taken away.
    public var flattening: Double

    public init(exposureError: Double, flattening: Double) {
        precondition((0..<1).contains(flattening), "flattening must lie in 0..<1")
        self.exposureError = exposureError
        self.flattening = flattening
    }

    /// A recipe drawn like a photographer's RAWs: exposure error ~ N(−0.8, 0.7) EV clamped to
    /// −3…+1.5, flattening uniform in 0.05…0.3.
    public static func random<G: RandomNumberGenerator>(using rng: inout G) -> RawLikeRecipe {
        let error = min(max(-0.8 + 0.7 * rng.nextGaussian(), -3), 1.5)
        return RawLikeRecipe(exposureError: error, flattening: rng.nextLowBitsUniform(in: 0.05...0.3))
    }

    /// The scene-linear image for a display-linear photo. Hue is kept: every channel of a pixel
    /// is scaled by the same factor, chosen on its luminance. O(pixels).
    public func apply(toDisplayLinear photo: LinearImage) -> LinearImage {
        let base = FilmicCurve()
        let gain = Float(1 - flattening), shift = Float(exposureError)
        var pixels = photo.pixels
        for index in stride(from: 0, to: pixels.count, by: 3) {
            let red = max(pixels[index], 0), green = max(pixels[index + 1], 0), blue = max(pixels[index + 2], 0)
            let displayLuma = luminance(red, green, blue)
            guard displayLuma > 0 else { continue }
            let sceneLuma = base.inverse(min(displayLuma, 1))
            let stops = log2(max(sceneLuma, ToneCurve.floorLuminance) / ToneCurve.middleGrey) * gain + shift
            let factor = ToneCurve.middleGrey * exp2(stops) / displayLuma
            pixels[index] = red * factor
            pixels[index + 1] = green * factor
            pixels[index + 2] = blue * factor
        }
        return LinearImage(width: photo.width, height: photo.height, pixels: pixels)
    }
}
