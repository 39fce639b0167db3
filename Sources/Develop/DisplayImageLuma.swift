import ImageIO

extension DisplayImage {
    /// Per-pixel luminance of the encoded values (Rec.709 weights on sRGB-encoded RGB, "luma").
    public var luma: [Float] {
        (0..<(width * height)).map { luminance(pixels[$0 * 3], pixels[$0 * 3 + 1], pixels[$0 * 3 + 2]) }
    }
}
