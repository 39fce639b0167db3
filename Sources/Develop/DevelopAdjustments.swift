/// The eight global develop settings that the renderer applies, in Lightroom's slider units.
///
/// `exposure` is in EV (-5…+5); the other seven run from -100 to +100, as in Lightroom's
/// process version 2012 panel. This is Develop's own small value type: the XMP module's
/// `DevelopSettings` is converted to and from it only through ``init(xmpValues:)`` and
/// ``xmpValues``, the single mapping point between the two.
public struct DevelopAdjustments: Sendable, Equatable, Hashable, Codable {
    public var exposure: Double
    public var contrast: Double
    public var highlights: Double
    public var shadows: Double
    public var whites: Double
    public var blacks: Double
    public var vibrance: Double
    public var saturation: Double

    public init(exposure: Double = 0, contrast: Double = 0, highlights: Double = 0,
                shadows: Double = 0, whites: Double = 0, blacks: Double = 0,
                vibrance: Double = 0, saturation: Double = 0) {
        self.exposure = exposure
        self.contrast = contrast
        self.highlights = highlights
        self.shadows = shadows
        self.whites = whites
        self.blacks = blacks
        self.vibrance = vibrance
        self.saturation = saturation
    }

    /// All zero: the renderer's base rendering.
    public static let zero = DevelopAdjustments()

    /// One of the eight sliders, named after its XMP property (without the `crs:` prefix).
    public enum Slider: String, CaseIterable, Sendable, Codable, CodingKeyRepresentable {
        case exposure = "Exposure2012"
        case contrast = "Contrast2012"
        case highlights = "Highlights2012"
        case shadows = "Shadows2012"
        case whites = "Whites2012"
        case blacks = "Blacks2012"
        case vibrance = "Vibrance"
        case saturation = "Saturation"

        /// The slider's range in its own units.
        public var range: ClosedRange<Double> { self == .exposure ? -5...5 : -100...100 }

        /// Divides a value to bring it to about -1…1 (the network's scale, see DESIGN.md).
        public var scale: Double { self == .exposure ? 5 : 100 }

        /// Steps per unit that Lightroom writes: hundredths of an EV, whole units for the others.
        public var stepsPerUnit: Double { self == .exposure ? 100 : 1 }
    }

    /// Reads or writes one slider by name.
    public subscript(slider: Slider) -> Double {
        get {
            switch slider {
            case .exposure: exposure
            case .contrast: contrast
            case .highlights: highlights
            case .shadows: shadows
            case .whites: whites
            case .blacks: blacks
            case .vibrance: vibrance
            case .saturation: saturation
            }
        }
        set {
            switch slider {
            case .exposure: exposure = newValue
            case .contrast: contrast = newValue
            case .highlights: highlights = newValue
            case .shadows: shadows = newValue
            case .whites: whites = newValue
            case .blacks: blacks = newValue
            case .vibrance: vibrance = newValue
            case .saturation: saturation = newValue
            }
        }
    }

    /// Every slider clamped to its range and rounded to the step Lightroom writes.
    public func clampedAndRounded() -> DevelopAdjustments {
        var result = self
        for slider in Slider.allCases {
            let value = (self[slider] * slider.stepsPerUnit).rounded() / slider.stepsPerUnit
            result[slider] = min(max(value, slider.range.lowerBound), slider.range.upperBound)
        }
        return result
    }

    // MARK: The single mapping point to XMP names

    /// The values keyed by XMP property name (`Exposure2012`, …, `Saturation`).
    public var xmpValues: [String: Double] {
        Dictionary(uniqueKeysWithValues: Slider.allCases.map { ($0.rawValue, self[$0]) })
    }

    /// Builds adjustments from values keyed by XMP property name; missing ones stay 0 and
    /// unknown names are ignored.
    public init(xmpValues: [String: Double]) {
        self.init()
        for slider in Slider.allCases {
            if let value = xmpValues[slider.rawValue] { self[slider] = value }
        }
    }
}
