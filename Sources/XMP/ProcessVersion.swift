/// Process version comparisons (`6.7` is PV2012, the first with the `*2012` sliders).
public enum ProcessVersion {
    /// The oldest process version whose Basic sliders AutoTone predicts.
    public static let minimumForSettings2012 = "6.7"
    /// What the writer puts in new sidecars.
    public static let written = "15.4"

    /// Numeric components of a version (`"15.4"` → [15, 4]), nil when not a dotted number.
    public static func components(_ version: String) -> [Int]? {
        let parts = version.trimmingXMLWhitespace().split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty else { return nil }
        var result: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(part) else { return nil }
            result.append(n)
        }
        return result
    }

    /// True when `version` is 6.7 or newer.
    public static func supportsSettings2012(_ version: String) -> Bool {
        guard let v = components(version), let minimum = components(minimumForSettings2012) else { return false }
        let count = max(v.count, minimum.count)
        let a = v + Array(repeating: 0, count: count - v.count)
        let b = minimum + Array(repeating: 0, count: count - minimum.count)
        return a.lexicographicallyPrecedes(b) == false
    }
}
