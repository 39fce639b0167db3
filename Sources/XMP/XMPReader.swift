import Foundation

/// Reads XMP packets (sidecar files or packets embedded in DNGs) into `XMPPacket`s.
///
/// Namespace-aware (libxml2), accepting everything Lightroom, Camera Raw and ExifTool write:
/// bare `x:xmpmeta` or wrapped in `<?xpacket?>` with padding, with or without a UTF-8 BOM,
/// attribute or element form, one or several top-level `rdf:Description`s.
public struct XMPReader: Sendable {
    /// The settings to extract as `DevelopSettings`.
    public var descriptors: [SettingDescriptor]
    /// Size and depth limits for hostile or broken input.
    public var limits: XMLParseLimits

    public init(descriptors: [SettingDescriptor] = SettingDescriptor.standard, limits: XMLParseLimits = .default) {
        self.descriptors = descriptors
        self.limits = limits
    }

    /// Reads the XMP file at `url`. Throws `XMPReadError`.
    public func read(contentsOf url: URL) throws -> XMPPacket {
        let data = try SafeXMLDocument.readFile(url, limits: limits)
        return try read(data: data, source: url.path)
    }

    /// Reads a packet held in memory, e.g. a DNG's embedded XMP; `source` names it in errors.
    /// Throws `XMPReadError`.
    public func read(data: Data, source: String) throws -> XMPPacket {
        let document = try SafeXMLDocument.parse(data, source: source, limits: limits)
        return try packet(from: document)
    }

    /// Extracts the packet from an already parsed document.
    func packet(from document: SafeXMLDocument) throws -> XMPPacket {
        let properties = try TopLevelProperties(document: document)
        let crs = XMPNamespace.cameraRawSettings
        func crsValue(_ name: String) -> String? { properties.value(crs, name) }
        func isTrue(_ text: String?) -> Bool { text?.trimmingXMLWhitespace().lowercased() == "true" }

        var settings = DevelopSettings(descriptors: descriptors)
        var invalid: [String: String] = [:]
        for descriptor in descriptors {
            guard let text = properties.value(descriptor.namespace, descriptor.name) else { continue }
            if let value = descriptor.parse(text) {
                settings[descriptor] = value
            } else {
                invalid[descriptor.name] = text
            }
        }

        let bookkeeping: Set<String> = [
            "Version", "ProcessVersion", "CompatibleVersion", "HasSettings", "AlreadyApplied",
            "RawFileName", "PresetType", "HDREditMode",
        ]
        let predicted = Set(descriptors.filter { $0.namespace == crs }.map(\.name))
        var other: [String: String] = [:]
        var structured: [String] = []
        for property in properties.properties where property.namespace == crs {
            guard !bookkeeping.contains(property.name), !predicted.contains(property.name) else { continue }
            if let value = property.value {
                if other[property.name] == nil { other[property.name] = value }
            } else if !structured.contains(property.name) {
                structured.append(property.name)
            }
        }
        var autoTone: [String: String] = [:]
        for property in properties.properties where property.namespace == XMPNamespace.autoTone {
            if let value = property.value, autoTone[property.name] == nil { autoTone[property.name] = value }
        }

        var packet = XMPPacket(
            source: document.source,
            settings: settings,
            invalidSettings: invalid,
            hasSettings: isTrue(crsValue("HasSettings")),
            processVersion: crsValue("ProcessVersion")?.trimmingXMLWhitespace(),
            cameraRawVersion: crsValue("Version")?.trimmingXMLWhitespace(),
            alreadyApplied: isTrue(crsValue("AlreadyApplied")),
            presetType: crsValue("PresetType"),
            isHDR: crsValue("HDREditMode").flatMap { SettingDescriptor.parseDecimal($0) } == 1,
            sidecarForExtension: properties.value(XMPNamespace.photoshop, "SidecarForExtension")?.trimmingXMLWhitespace(),
            rawFileName: crsValue("RawFileName"),
            creatorTool: properties.value(XMPNamespace.xmp, "CreatorTool"),
            otherDevelopSettings: other,
            structuredDevelopSettings: structured,
            autoToneProperties: autoTone)
        packet.colourLabel = properties.value(XMPNamespace.xmp, "Label")
        return packet
    }
}
