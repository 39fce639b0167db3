/// A photo's develop settings for a list of descriptors, each one present or absent.
///
/// Absent is not zero: Lightroom leaves out `Vibrance` and `Saturation` on black-and-white
/// photos, and a label with a missing value must not teach the model "0". Values are always
/// clamped to their descriptor's range and rounded to the precision Lightroom stores.
public struct DevelopSettings: Sendable, Equatable, Hashable, Codable {
    /// The settings this value can hold, in order (the network's output order).
    public private(set) var descriptors: [SettingDescriptor]
    private var values: [String: Double] = [:]

    /// Empty settings (everything absent) for `descriptors`.
    public init(descriptors: [SettingDescriptor] = SettingDescriptor.standard) {
        self.descriptors = descriptors
    }

    /// Settings from values keyed by XMP name; names without a descriptor are ignored.
    public init(_ values: [String: Double], descriptors: [SettingDescriptor] = SettingDescriptor.standard) {
        self.descriptors = descriptors
        for descriptor in descriptors {
            if let value = values[descriptor.name] { self[descriptor] = value }
        }
    }

    /// Settings from network outputs in (-1, 1), one per descriptor, in descriptor order.
    ///
    /// Each output is scaled back, clamped and rounded; nil leaves the setting absent.
    public init(unitValues: [Double?], descriptors: [SettingDescriptor] = SettingDescriptor.standard) {
        self.descriptors = descriptors
        for (descriptor, unit) in zip(descriptors, unitValues) {
            if let unit { values[descriptor.name] = descriptor.value(fromUnit: unit) }
        }
    }

    /// The value of `descriptor`, or nil when absent. Setting a descriptor that is not in
    /// `descriptors` appends it; setting nil removes the value.
    public subscript(descriptor: SettingDescriptor) -> Double? {
        get { values[descriptor.name] }
        set {
            if !descriptors.contains(where: { $0.name == descriptor.name }) { descriptors.append(descriptor) }
            let stored = descriptors.first { $0.name == descriptor.name } ?? descriptor
            values[descriptor.name] = newValue.map { stored.quantized($0) }
        }
    }

    /// The value of the setting with XMP name `name` (e.g. `Exposure2012`), or nil when absent.
    public subscript(name: String) -> Double? {
        values[name]
    }

    /// The descriptor named `name`, if this value holds one.
    public func descriptor(named name: String) -> SettingDescriptor? {
        descriptors.first { $0.name == name }
    }

    /// Values in descriptor order as the network sees them, `(value - center) / scale`.
    public var unitValues: [Double?] {
        descriptors.map { d in values[d.name].map { d.unit(fromValue: $0) } }
    }

    /// The present settings in descriptor order, with their values.
    public var present: [(descriptor: SettingDescriptor, value: Double)] {
        descriptors.compactMap { d in values[d.name].map { (d, $0) } }
    }

    /// Present values keyed by XMP name.
    public var valuesByName: [String: Double] { values }

    /// True when no setting is present.
    public var isEmpty: Bool { values.isEmpty }

    /// The value of `name` written as Lightroom writes it (`+0.35`, `-8`, `0`), or nil.
    public func formatted(_ name: String) -> String? {
        guard let d = descriptor(named: name), let v = values[name] else { return nil }
        return d.format(v)
    }
}

extension DevelopSettings: CustomStringConvertible {
    /// `Exposure2012=+0.35 Contrast2012=+12 …` with absent settings left out.
    public var description: String {
        present.map { "\($0.descriptor.name)=\($0.descriptor.format($0.value))" }.joined(separator: " ")
    }
}
