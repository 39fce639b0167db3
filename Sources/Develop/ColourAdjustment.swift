import Foundation

/// Vibrance and Saturation, applied to display-linear RGB after the tone curve.
///
/// Both scale the pixel's chroma (its distance from the grey of equal luminance), so neither
/// changes luminance. Saturation scales every pixel's chroma by `1 + saturation/100`: -100 gives
/// grey. Vibrance scales it by `1 + vibrance/100 · (1 - s)^1.5 · (1 - 0.75·skin)`, where `s` is the
/// pixel's HSV saturation and `skin` is near 1 for hues around skin tones (about 20° in linear
/// RGB), so muted colours move much more than saturated ones and faces move least. A result
/// outside 0…1 is pulled back toward grey along the same line (luminance kept).
struct ColourAdjustment: Sendable {
    let saturationFactor: Float
    let vibrance: Float

    init(_ adjustments: DevelopAdjustments) {
        saturationFactor = max(0, 1 + Float(adjustments.saturation / 100))
        vibrance = Float(adjustments.vibrance / 100)
    }

    var isIdentity: Bool { saturationFactor == 1 && vibrance == 0 }

    /// Hue-closeness to skin tones, 0…1.
    static func skinWeight(red: Float, green: Float, blue: Float) -> Float {
        let hue = hsvHue(red: red, green: green, blue: blue)
        var distance = abs(hue - 20)
        distance = min(distance, 360 - distance)
        let z = distance / 12
        return exp(-0.5 * z * z)
    }

    /// HSV hue in degrees (0 for grey).
    static func hsvHue(red: Float, green: Float, blue: Float) -> Float {
        let high = max(red, green, blue)
        let spread = high - min(red, green, blue)
        guard spread > 0 else { return 0 }
        var hue: Float
        if high == red {
            hue = 60 * (green - blue) / spread
        } else if high == green {
            hue = 60 * ((blue - red) / spread + 2)
        } else {
            hue = 60 * ((red - green) / spread + 4)
        }
        return hue < 0 ? hue + 360 : hue
    }

    /// The adjusted pixel; `luma` is the pixel's luminance.
    @inline(__always)
    func apply(_ red: Float, _ green: Float, _ blue: Float, luma: Float) -> (Float, Float, Float) {
        var factor = saturationFactor
        if vibrance != 0 {
            let high = max(red, green, blue)
            let hsvSaturation = high > 0 ? (high - min(red, green, blue)) / high : 0
            let muted = 1 - hsvSaturation
            let skin = Self.skinWeight(red: red, green: green, blue: blue)
            factor *= 1 + vibrance * muted * muted.squareRoot() * (1 - 0.75 * skin)
        }
        return Self.fitToGamut(luma: luma, red - luma, green - luma, blue - luma, factor: factor)
    }

    /// `luma + factor·chroma`, with the chroma shortened just enough to stay inside 0…1.
    @inline(__always)
    static func fitToGamut(luma: Float, _ chromaRed: Float, _ chromaGreen: Float, _ chromaBlue: Float,
                           factor: Float) -> (Float, Float, Float) {
        var scale = factor
        for chroma in [chromaRed, chromaGreen, chromaBlue] where chroma != 0 {
            let room = chroma > 0 ? (1 - luma) / chroma : -luma / chroma
            scale = min(scale, max(room, 0))
        }
        return (luma + scale * chromaRed, luma + scale * chromaGreen, luma + scale * chromaBlue)
    }
}
