import Foundation

/// The sRGB transfer function (IEC 61966-2-1), both directions, on values in 0…1.
public enum SRGBTransfer {
    /// Linear light to sRGB-encoded.
    @inlinable
    public static func encode(_ linear: Float) -> Float {
        let x = min(max(linear, 0), 1)
        return x <= 0.003_130_8 ? 12.92 * x : 1.055 * powf(x, 1 / 2.4) - 0.055
    }

    /// sRGB-encoded to linear light.
    @inlinable
    public static func decode(_ encoded: Float) -> Float {
        let x = min(max(encoded, 0), 1)
        return x <= 0.040_45 ? x / 12.92 : powf((x + 0.055) / 1.055, 2.4)
    }

    /// The 256 linear values of the 8-bit sRGB codes, for decoding JPEGs quickly.
    public static let decodeTable: [Float] = (0..<256).map { decode(Float($0) / 255) }
}
