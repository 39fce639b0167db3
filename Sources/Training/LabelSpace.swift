/// One predicted setting: its XMP name, how it is scaled for the network, its slider range and
/// what counts as "close enough" when reporting.
public struct LabelSetting: Codable, Sendable, Hashable {
    /// The `crs:` property name without prefix, e.g. `Exposure2012`.
    public var name: String
    /// Slider value = scaled value × `scale` (5 for exposure, 100 for the others).
    public var scale: Float
    /// The slider's range in slider units (−5…5 EV, −100…100).
    public var range: ClosedRange<Float>
    /// The tolerance in slider units for the "within" figure (0.33 EV, 10 points).
    public var tolerance: Float
    /// The unit the slider is shown in, for reports ("EV" or "").
    public var unit: String

    public init(name: String, scale: Float, range: ClosedRange<Float>, tolerance: Float, unit: String = "") {
        precondition(scale > 0, "a setting's scale must be positive")
        self.name = name
        self.scale = scale
        self.range = range
        self.tolerance = tolerance
        self.unit = unit
    }

    /// The range in the network's scaled units.
    public var scaledRange: ClosedRange<Float> {
        (range.lowerBound / scale)...(range.upperBound / scale)
    }

    /// Slider units → scaled units.
    public func scaled(_ sliderValue: Float) -> Float { sliderValue / scale }

    /// Scaled units → slider units.
    public func slider(_ scaledValue: Float) -> Float { scaledValue * scale }
}

/// The ordered list of settings a model predicts: a label is a vector of scaled values in this
/// order. It is data stored with a model, so adding a setting needs no code change.
public struct LabelSpace: Codable, Sendable, Hashable {
    public var settings: [LabelSetting]

    public init(settings: [LabelSetting]) {
        self.settings = settings
    }

    public var count: Int { settings.count }

    /// The position of the setting called `name`, if the space has it. O(count).
    public func index(of name: String) -> Int? {
        settings.firstIndex { $0.name == name }
    }

    /// The name of the exposure setting, the one the exposure-shift augmentation moves.
    public static let exposureName = "Exposure2012"

    /// Lightroom's eight basic tone and presence settings (process version 2012), scaled by
    /// 5 (exposure) and 100 (the others), with the ±0.33 EV and ±10 point tolerances.
    public static let lightroomBasic = LabelSpace(settings: [
        LabelSetting(name: "Exposure2012", scale: 5, range: -5...5, tolerance: 0.33, unit: "EV"),
    ] + ["Contrast2012", "Highlights2012", "Shadows2012", "Whites2012", "Blacks2012", "Vibrance", "Saturation"].map {
        LabelSetting(name: $0, scale: 100, range: -100...100, tolerance: 10)
    })
}
