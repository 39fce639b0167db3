/// One photo's settings as the network sees them: scaled values in a `LabelSpace`'s order and,
/// beside them, which ones the photo actually has.
///
/// A setting can be absent (Vibrance and Saturation on a black-and-white photo, a sidecar that
/// never set it). An absent entry is not zero: metrics, baselines and smoothing skip it; its
/// value is kept as 0 only so the vector has a fixed length.
public struct ScaledLabel: Codable, Sendable, Hashable {
    public var values: [Float]
    public var isPresent: [Bool]

    /// A label in which every setting is present.
    public init(values: [Float]) {
        self.values = values
        self.isPresent = Array(repeating: true, count: values.count)
    }

    /// A label with absent settings; absent values are stored as 0.
    public init(values: [Float], isPresent: [Bool]) {
        precondition(values.count == isPresent.count, "a label needs one presence flag per value")
        self.values = zip(values, isPresent).map { $1 ? $0 : 0 }
        self.isPresent = isPresent
    }

    /// A label from slider values (nil for absent) in `space`'s order.
    public init(sliderValues: [Float?], space: LabelSpace) {
        precondition(sliderValues.count == space.count, "a label needs one value per setting")
        self.init(values: zip(sliderValues, space.settings).map { value, setting in value.map(setting.scaled) ?? 0 },
                  isPresent: sliderValues.map { $0 != nil })
    }

    public var count: Int { values.count }

    /// The value of setting `index`, or nil when the photo does not have it.
    public subscript(setting index: Int) -> Float? {
        isPresent[index] ? values[index] : nil
    }
}
