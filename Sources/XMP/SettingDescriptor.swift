/// One develop setting as data: its XMP name, legal range, network scale and written format.
///
/// Which settings exist, and how they are scaled and written, is data rather than code
/// (see DESIGN.md): a model stores its list of descriptors, and adding `Temperature` or `Tint`
/// later means adding descriptors, not rewriting the reader, writer or trainer.
public struct SettingDescriptor: Sendable, Hashable, Codable {
    /// How the sign of a value is written.
    public enum SignStyle: String, Sendable, Hashable, Codable {
        /// Lightroom's slider style: `+12`, `-8`, and zero without a sign (`0`, `0.00`).
        case explicitPlus
        /// No plus sign (`7000`), as Lightroom writes `Temperature`.
        case plain
    }

    /// Namespace URI of the property (Camera Raw settings for all standard descriptors).
    public var namespace: String
    /// Local name of the XMP property, e.g. `Exposure2012`.
    public var name: String
    /// Smallest legal value (Lightroom's slider minimum).
    public var minimum: Double
    /// Largest legal value (Lightroom's slider maximum).
    public var maximum: Double
    /// Value that maps to 0 for the network.
    public var center: Double
    /// Distance from `center` that maps to ±1 for the network.
    public var scale: Double
    /// Digits after the decimal point when written (2 for exposure, 0 for the others).
    public var decimals: Int
    /// How the sign is written.
    public var signStyle: SignStyle

    public init(
        namespace: String = XMPNamespace.cameraRawSettings, name: String,
        minimum: Double, maximum: Double, center: Double = 0, scale: Double,
        decimals: Int, signStyle: SignStyle = .explicitPlus
    ) {
        self.namespace = namespace
        self.name = name
        self.minimum = minimum
        self.maximum = maximum
        self.center = center
        self.scale = scale
        self.decimals = decimals
        self.signStyle = signStyle
    }

    /// `value` limited to `minimum...maximum`; NaN becomes `center`.
    public func clamped(_ value: Double) -> Double {
        if value.isNaN { return center }
        return Swift.min(Swift.max(value, minimum), maximum)
    }

    /// `value` clamped and rounded to the precision Lightroom stores.
    public func quantized(_ value: Double) -> Double {
        let factor = powerOfTen
        let units = (clamped(value) * factor).rounded(.toNearestOrAwayFromZero)
        let result = units / factor
        return result == 0 ? 0 : result  // no negative zero
    }

    /// The value the network sees: `(value - center) / scale`, in -1...1 for legal values.
    public func unit(fromValue value: Double) -> Double {
        (value - center) / scale
    }

    /// The setting for a network output in (-1, 1): scaled back, clamped and rounded.
    public func value(fromUnit unit: Double) -> Double {
        quantized(center + unit * scale)
    }

    /// The value written exactly as Lightroom writes it: `+0.35`, `-1.20`, `0.00`, `+12`, `0`.
    public func format(_ value: Double) -> String {
        let factor = powerOfTen
        let units = Int((clamped(value) * factor).rounded(.toNearestOrAwayFromZero))
        let magnitude = units.magnitude
        var digits = String(magnitude / UInt(factor))
        if decimals > 0 {
            let fraction = String(magnitude % UInt(factor))
            digits += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        if units < 0 { return "-" + digits }
        if units > 0 && signStyle == .explicitPlus { return "+" + digits }
        return digits
    }

    /// Parses what Lightroom and other tools write (`+0.35`, `0.35`, `+0`, `5`, `1.0`, ` -8 `).
    ///
    /// Returns nil for anything that is not a plain decimal number (hex, `nan`, `inf`, empty).
    /// The result is clamped to the legal range, so a label never leaves it.
    public func parse(_ text: String) -> Double? {
        guard let number = Self.parseDecimal(text) else { return nil }
        return clamped(number)
    }

    /// A plain decimal number with optional sign, fraction and exponent; nil otherwise.
    static func parseDecimal(_ text: String) -> Double? {
        let trimmed = text.trimmingXMLWhitespace()
        let bytes = Array(trimmed.utf8)
        var i = 0
        func isDigit(_ at: Int) -> Bool { at < bytes.count && bytes[at] >= 0x30 && bytes[at] <= 0x39 }
        func skipDigits() -> Int {
            let start = i
            while isDigit(i) { i += 1 }
            return i - start
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
        var digits = skipDigits()
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            digits += skipDigits()
        }
        guard digits > 0 else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard skipDigits() > 0 else { return nil }
        }
        guard i == bytes.count else { return nil }
        let body = trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed
        guard let value = Double(body), value.isFinite else { return nil }
        return value
    }

    private var powerOfTen: Double {
        var result = 1.0
        for _ in 0..<Swift.max(decimals, 0) { result *= 10 }
        return result
    }
}

extension SettingDescriptor {
    /// `crs:Exposure2012`: -5…+5 EV, two decimals, scaled by 1/5.
    public static let exposure2012 = slider("Exposure2012", range: 5, decimals: 2)
    /// `crs:Contrast2012`: -100…+100.
    public static let contrast2012 = slider("Contrast2012")
    /// `crs:Highlights2012`: -100…+100.
    public static let highlights2012 = slider("Highlights2012")
    /// `crs:Shadows2012`: -100…+100.
    public static let shadows2012 = slider("Shadows2012")
    /// `crs:Whites2012`: -100…+100.
    public static let whites2012 = slider("Whites2012")
    /// `crs:Blacks2012`: -100…+100.
    public static let blacks2012 = slider("Blacks2012")
    /// `crs:Vibrance`: -100…+100 (same name in every process version; absent on B&W photos).
    public static let vibrance = slider("Vibrance")
    /// `crs:Saturation`: -100…+100 (absent on B&W photos).
    public static let saturation = slider("Saturation")

    /// The eight Basic-panel settings AutoTone predicts, in the order of the network's outputs.
    public static let standard: [SettingDescriptor] = [
        exposure2012, contrast2012, highlights2012, shadows2012,
        whites2012, blacks2012, vibrance, saturation,
    ]

    /// A symmetric Lightroom slider `-range…+range`, scaled by `1/range`.
    public static func slider(_ name: String, range: Double = 100, decimals: Int = 0) -> SettingDescriptor {
        SettingDescriptor(name: name, minimum: -range, maximum: range, scale: range, decimals: decimals)
    }
}
