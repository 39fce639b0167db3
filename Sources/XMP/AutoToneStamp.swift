/// AutoTone's own record in a sidecar it wrote, stored in the `autotone:` namespace
/// (`XMPNamespace.autoTone`): which model predicted the values, for which RAW, and a digest of
/// the values as written.
///
/// The digest is what lets a later run tell "these are still our values" (safe to replace,
/// never a training label) from "the photographer has edited since" (the photographer's work).
/// The fingerprint lets `predict` skip a RAW whose sidecar already holds this model's prediction.
public struct AutoToneStamp: Sendable, Equatable, Hashable, Codable {
    /// Identity of the model that made the prediction (name, version or weights hash).
    public var model: String
    /// Fingerprint of the RAW file the prediction was made from (computed by the caller).
    public var rawFingerprint: String?
    /// `fnv1a64:` digest of the develop values as written; see `digest(of:)`.
    public var settingsDigest: String

    public init(model: String, rawFingerprint: String?, settingsDigest: String) {
        self.model = model
        self.rawFingerprint = rawFingerprint
        self.settingsDigest = settingsDigest
    }

    /// A stamp for `settings` about to be written.
    public init(model: String, rawFingerprint: String?, settings: DevelopSettings) {
        self.init(model: model, rawFingerprint: rawFingerprint, settingsDigest: Self.digest(of: settings))
    }

    /// Property names in the `autotone:` namespace.
    public enum Key {
        public static let model = "Model"
        public static let rawFingerprint = "RawFingerprint"
        public static let settingsDigest = "SettingsDigest"
    }

    /// The stamp as `autotone:` properties.
    public var properties: [String: String] {
        var result = [Key.model: model, Key.settingsDigest: settingsDigest]
        if let rawFingerprint { result[Key.rawFingerprint] = rawFingerprint }
        return result
    }

    /// The stamp found in `autotone:` properties, if model and digest are both there.
    public init?(properties: [String: String]) {
        guard let model = properties[Key.model], let digest = properties[Key.settingsDigest] else { return nil }
        self.init(model: model, rawFingerprint: properties[Key.rawFingerprint], settingsDigest: digest)
    }

    /// True when `settings` are exactly the values this stamp was made for.
    public func matches(_ settings: DevelopSettings) -> Bool {
        Self.digest(of: settings) == settingsDigest
    }

    /// FNV-1a 64-bit digest of `Name=written value` lines for the present settings, sorted by
    /// name. Not cryptographic: it detects edits, it does not resist forgery.
    public static func digest(of settings: DevelopSettings) -> String {
        let lines = settings.present
            .map { "\($0.descriptor.name)=\($0.descriptor.format($0.value))\n" }
            .sorted()
            .joined()
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in lines.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
