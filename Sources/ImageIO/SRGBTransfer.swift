import Foundation

/// The sRGB transfer function (IEC 61966-2-1), both directions.
public enum SRGBTransfer {
    /// Linear light to sRGB-encoded, clipped to 0…1.
    @inlinable
    public static func encode(_ linear: Float) -> Float {
        encodeExtended(min(max(linear, 0), 1))
    }

    /// sRGB-encoded to linear light, clipped to 0…1.
    @inlinable
    public static func decode(_ encoded: Float) -> Float {
        decodeExtended(min(max(encoded, 0), 1))
    }

    /// Linear light to sRGB-encoded, not clipped: past 1 the same power law goes on (the
    /// renderer works with values beyond the display's range before its curve brings them in).
    @inlinable
    public static func encodeExtended(_ linear: Float) -> Float {
        linear <= 0.003_130_8 ? 12.92 * linear : 1.055 * powf(linear, 1 / 2.4) - 0.055
    }

    /// The inverse of `encodeExtended`.
    @inlinable
    public static func decodeExtended(_ encoded: Float) -> Float {
        encoded <= 0.040_45 ? encoded / 12.92 : powf((encoded + 0.055) / 1.055, 2.4)
    }

    /// The 256 linear values of the 8-bit sRGB codes, for decoding JPEGs quickly.
    public static let decodeTable: [Float] = (0..<256).map { decode(Float($0) / 255) }
}
