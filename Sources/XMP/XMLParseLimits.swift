/// Bounds on what the XML parser accepts, so a hostile or broken file fails fast.
///
/// Real Lightroom sidecars are 3–40 KB; with many AI masks a few MB; nesting stays below 30.
public struct XMLParseLimits: Sendable, Equatable {
    /// Largest packet accepted, in bytes.
    public var maxBytes: Int
    /// Deepest element nesting accepted (libxml2 also stops at 256 on its own).
    public var maxDepth: Int

    public init(maxBytes: Int = 32 << 20, maxDepth: Int = 128) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    /// 32 MiB and 128 levels.
    public static let `default` = XMLParseLimits()
}
