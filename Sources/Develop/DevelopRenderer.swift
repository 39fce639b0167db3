import ImageIO

/// Renders a linear RAW-like image with the eight develop settings to display-referred sRGB.
///
/// The pipeline approximates the *spirit* of Lightroom's process version 2012 and later; it is
/// not Lightroom's renderer and its numbers will not match Lightroom's pixel for pixel:
///
/// 1. Exposure multiplies linear light by 2^EV.
/// 2. Highlights and Shadows shift the bright and the dark tonal ranges by up to about 1.5 stops,
///    weighted smoothly by luminance (a global curve: no halos).
/// 3. Contrast is a gain in stops around middle grey, an S-curve once through step 4.
/// 4. A filmic base curve (toe and shoulder) maps scene light to display light; Whites move its
///    white point, the scene level that reaches display white.
/// 5. sRGB encoding; Blacks then lift or lower the black end of the encoded range.
/// 6. The tone curve acts on luminance and the pixel's RGB is scaled with it (hue kept); then
///    Vibrance and Saturation scale chroma at constant luminance (see ``ColourAdjustment``),
///    and each channel is sRGB-encoded.
///
/// Every slider is monotonic and smooth in its effect; all zero gives the base rendering.
public struct DevelopRenderer: Sendable {
    public init() {}

    /// The rendered image, sRGB-encoded Float in 0…1. O(pixels) plus a fixed 2,048-point table.
    public func render(_ image: LinearImage, _ adjustments: DevelopAdjustments) -> DisplayImage {
        let table = ToneTable(ToneCurve(adjustments))
        let colour = ColourAdjustment(adjustments)
        var output = [Float](repeating: 0, count: image.pixels.count)
        image.pixels.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { result in
                for base in stride(from: 0, to: input.count, by: 3) {
                    let red = max(input[base], 0), green = max(input[base + 1], 0), blue = max(input[base + 2], 0)
                    let sceneLuma = luminance(red, green, blue)
                    let encoded = table.encodedUnclipped(stops: ToneTable.stops(luminance: sceneLuma))
                    let displayLuma = SRGBTransfer.decodeExtended(min(max(encoded, 0), 1))
                    var rgb: (Float, Float, Float)
                    if sceneLuma > ToneCurve.floorLuminance {
                        let ratio = displayLuma / sceneLuma
                        // Hue-preserving scaling can leave 0…1; pull such pixels toward grey.
                        rgb = ColourAdjustment.fitToGamut(
                            luma: displayLuma, red * ratio - displayLuma, green * ratio - displayLuma,
                            blue * ratio - displayLuma, factor: 1)
                    } else {
                        rgb = (displayLuma, displayLuma, displayLuma)
                    }
                    if !colour.isIdentity {
                        rgb = colour.apply(rgb.0, rgb.1, rgb.2, luma: displayLuma)
                    }
                    result[base] = SRGBTransfer.encodeExtended(rgb.0)
                    result[base + 1] = SRGBTransfer.encodeExtended(rgb.1)
                    result[base + 2] = SRGBTransfer.encodeExtended(rgb.2)
                }
            }
        }
        return DisplayImage(width: image.width, height: image.height, pixels: output)
    }
}
