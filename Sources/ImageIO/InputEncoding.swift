/// The fixed tone encoding applied to linear data before the network sees it (the renderer's
/// adjustable curve is Develop's `ToneCurve`; this one never changes with the settings).
///
/// The same curve for every image, never fitted per image: an underexposed RAW must look dark
/// to the model, or it could not judge the exposure a photographer would correct.
public enum InputEncoding: String, Codable, Sendable, Hashable, CaseIterable {
    /// The sRGB transfer function on linear values clipped to 0…1. Display-like, so a person
    /// looking at the preview sees what the network sees, and close to what image-pretrained
    /// ViTs were trained on.
    case srgb

    @inlinable
    public func encode(_ linear: Float) -> Float {
        switch self {
        case .srgb: return SRGBTransfer.encode(linear)
        }
    }
}
