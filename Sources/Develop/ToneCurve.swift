import ImageIO
import Foundation

/// The luminance tone curve of the renderer: exposure, highlights, shadows, contrast, the
/// filmic base curve with its white point (Whites), and the black point (Blacks).
///
/// Everything here acts on one number, the scene luminance of a pixel, so the curve is global:
/// no pixel's result depends on its neighbours and no halo can appear. It works in *stops*
/// relative to middle grey (0.18), where exposure is a shift, highlights and shadows are smooth
/// luminance-weighted shifts, and contrast is a gain around middle grey that the filmic curve
/// turns into an S-curve. Each stage is strictly increasing, so the curve is monotonic for every
/// setting (see the bounds in the comments).
public struct ToneCurve: Sendable {
    /// Scene-linear middle grey.
    public static let middleGrey: Float = 0.18

    /// Exponent of the base curve's toe (its log-log slope far below middle grey).
    public static let baseExponent: Float = 1.5

    let exposure: Float
    let highlights: Float  // -1…1
    let shadows: Float  // -1…1
    let contrastGain: Float
    let blacks: Float  // -1…1
    let base: FilmicCurve

    public init(_ adjustments: DevelopAdjustments) {
        exposure = Float(adjustments.exposure)
        highlights = Float(adjustments.highlights / 100)
        shadows = Float(adjustments.shadows / 100)
        contrastGain = 1 + 0.4 * Float(adjustments.contrast / 100)
        blacks = Float(adjustments.blacks / 100)
        // Whites move the scene value that reaches display white: +100 clips 0.8 stop earlier,
        // -100 keeps 0.8 stop more of the highlights.
        base = FilmicCurve(whitePoint: exp2(-0.8 * Float(adjustments.whites / 100)))
    }

    /// Highlights: up to ±1.4 stops, weighted by a logistic step centred 1.2 stops above grey,
    /// width 0.7. The shift's slope is at most 1.4 / (4 × 0.7) = 0.5 < 1, so it stays monotonic.
    static func highlightWeight(_ stops: Float) -> Float { logistic((stops - 1.2) / 0.7) }

    /// Shadows: up to ±1.6 stops, weighted by a logistic step centred 1.5 stops below grey,
    /// width 0.8; slope at most 1.6 / (4 × 0.8) = 0.5 < 1.
    static func shadowWeight(_ stops: Float) -> Float { logistic(-(stops + 1.5) / 0.8) }

    /// The sRGB-encoded display luminance for a scene luminance given in stops relative to
    /// middle grey (before exposure), *not* clipped to 0…1, so that the solver can see how far
    /// past the clipping points a tone would go.
    public func encodedUnclipped(stops inputStops: Float) -> Float {
        var stops = inputStops + exposure
        stops += highlights * 1.4 * Self.highlightWeight(stops)
        stops += shadows * 1.6 * Self.shadowWeight(stops)
        stops *= contrastGain
        let display = base(Self.middleGrey * exp2(stops))
        var encoded = SRGBTransfer.encodeExtended(display)
        // Blacks: lifts or lowers the bottom of the encoded range by up to 0.15, fading out by
        // middle grey; slope 1 - 4 × 0.15 × (1 - v)^3 ≥ 0.4.
        let fromBlack = max(0, 1 - encoded)
        encoded += blacks * 0.15 * fromBlack * fromBlack * fromBlack * fromBlack
        return encoded
    }

    /// Display-linear luminance (0…1) for a scene luminance (linear, before exposure).
    public func displayLuminance(scene luminance: Float) -> Float {
        let stops = log2(max(luminance, Self.floorLuminance) / Self.middleGrey)
        return SRGBTransfer.decodeExtended(min(max(encodedUnclipped(stops: stops), 0), 1))
    }

    /// Luminances below this count as black (about 22 stops below middle grey).
    static let floorLuminance: Float = 0x1p-25

    @inline(__always)
    static func logistic(_ x: Float) -> Float { 1 / (1 + exp(-x)) }
}

/// The filmic base curve `d = k·x^a / (x^a + c)`: a toe below middle grey and a shoulder that
/// reaches display white at `whitePoint`, with middle grey always mapped to 0.18.
///
/// With `a = 1.5` and the white point at 1 (the sensor's clipping level) its log-log slope is
/// 1.33 at middle grey, which gives the moderate contrast of a camera's default rendering.
public struct FilmicCurve: Sendable {
    public let whitePoint: Float
    let exponent: Float
    let knee: Float  // c
    let gain: Float  // k

    public init(whitePoint: Float = 1, exponent: Float = ToneCurve.baseExponent) {
        precondition(whitePoint > ToneCurve.middleGrey, "the white point must lie above middle grey")
        self.whitePoint = whitePoint
        self.exponent = exponent
        // Solve k·q/(q+c) = g and k·W/(W+c) = 1 with q = g^a, W = whitePoint^a, g = 0.18.
        let grey = ToneCurve.middleGrey
        let q = pow(grey, exponent)
        let w = pow(whitePoint, exponent)
        knee = (1 - grey) * q * w / (grey * w - q)
        gain = (w + knee) / w
    }

    /// Display-linear value for a scene-linear value; exceeds 1 above the white point.
    @inline(__always)
    public func callAsFunction(_ scene: Float) -> Float {
        let powered = pow(max(scene, 0), exponent)
        return gain * powered / (powered + knee)
    }

    /// The scene value that this curve maps to `display` (0 ≤ display < gain).
    public func inverse(_ display: Float) -> Float {
        let d = min(max(display, 0), gain * 0.999_999)
        return pow(knee * d / (gain - d), 1 / exponent)
    }
}
