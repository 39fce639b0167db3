import Foundation

/// The sRGB transfer function (IEC 61966-2-1), extended past 1 by the same power law.
public enum SRGB {
    /// Display-linear light to sRGB-encoded value.
    @inlinable
    public static func encode(_ linear: Float) -> Float {
        linear <= 0.003_130_8 ? linear * 12.92 : 1.055 * pow(linear, 1 / 2.4) - 0.055
    }

    /// sRGB-encoded value to display-linear light.
    @inlinable
    public static func decode(_ encoded: Float) -> Float {
        encoded <= 0.040_45 ? encoded / 12.92 : pow((encoded + 0.055) / 1.055, 2.4)
    }
}

/// Rec.709 luminance weights, shared by every luminance computed in Develop.
@inlinable
func luminance(_ red: Float, _ green: Float, _ blue: Float) -> Float {
    0.2126 * red + 0.7152 * green + 0.0722 * blue
}
