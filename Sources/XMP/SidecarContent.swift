import Foundation

/// What AutoTone writes into a sidecar: the predicted values and the bookkeeping around them.
public struct SidecarContent: Sendable, Equatable {
    /// The predicted values; absent settings are not written (and existing ones are kept).
    public var settings: DevelopSettings
    /// The RAW's file name (`IMG_1.CR2`), for `crs:RawFileName` and `SidecarForExtension`.
    public var rawFileName: String
    /// Write `crs:HDREditMode="1"` (Lightroom's HDR editing). Off by default: then any
    /// existing `HDREditMode` is left as it is and new sidecars have none.
    public var hdr: Bool
    /// `autotone:` properties (see `AutoToneStamp`); kept and updated on later writes.
    public var autoToneProperties: [String: String]
    /// Written as `xmp:MetadataDate` so Lightroom sees the sidecar as changed.
    public var metadataDate: Date
    /// Time zone for `metadataDate` (the local one by default, as Lightroom writes).
    public var timeZone: TimeZone
    /// `x:xmptk` of a new sidecar.
    public var toolkit: String
    /// Set only `xmp:Label` (Lightroom's colour label), where the photo has none, and no develop
    /// setting at all: how `suggest --label` marks the photos to edit (see `marking`).
    public var labelOnly: String?

    public init(
        settings: DevelopSettings, rawFileName: String, hdr: Bool = false, stamp: AutoToneStamp? = nil,
        autoToneProperties: [String: String] = [:], metadataDate: Date = Date(),
        timeZone: TimeZone = .current, toolkit: String = "AutoTone"
    ) {
        self.settings = settings
        self.rawFileName = rawFileName
        self.hdr = hdr
        self.autoToneProperties = autoToneProperties.merging(stamp?.properties ?? [:]) { _, stamped in stamped }
        self.metadataDate = metadataDate
        self.timeZone = timeZone
        self.toolkit = toolkit
    }

    /// Content that marks a photo with Lightroom's colour `label` and changes nothing else: an
    /// existing label is kept, develop settings are neither written nor touched.
    public static func marking(label: String, rawFileName: String) -> SidecarContent {
        var content = SidecarContent(settings: DevelopSettings([:]), rawFileName: rawFileName)
        content.labelOnly = label
        return content
    }

    /// The RAW's extension as Lightroom records it (`CR2`), upper-cased.
    public var rawExtension: String {
        guard let dot = rawFileName.lastIndex(of: "."), dot != rawFileName.startIndex else { return "" }
        return rawFileName[rawFileName.index(after: dot)...].uppercased()
    }

    /// One property the writer sets.
    struct Owned: Equatable {
        let namespace: String
        let name: String
        let value: String
        /// Set only when the property is missing (an existing value is kept).
        let onlyIfMissing: Bool
    }

    /// The properties written, in the order a new sidecar lists them (Lightroom's order).
    /// `existingProcessVersion` is kept when it is 6.7 or newer.
    func ownedProperties(existingProcessVersion: String?) -> [Owned] {
        let crs = XMPNamespace.cameraRawSettings
        if let labelOnly {
            return [
                Owned(namespace: XMPNamespace.xmp, name: "MetadataDate",
                      value: MetadataDate.format(metadataDate, timeZone: timeZone), onlyIfMissing: false),
                Owned(namespace: XMPNamespace.photoshop, name: "SidecarForExtension", value: rawExtension, onlyIfMissing: true),
                Owned(namespace: XMPNamespace.xmp, name: "Label", value: labelOnly, onlyIfMissing: true),
            ]
        }
        var result = [
            Owned(namespace: XMPNamespace.xmp, name: "MetadataDate",
                  value: MetadataDate.format(metadataDate, timeZone: timeZone), onlyIfMissing: false),
            Owned(namespace: XMPNamespace.photoshop, name: "SidecarForExtension", value: rawExtension, onlyIfMissing: true),
            Owned(namespace: crs, name: "Version", value: ProcessVersion.written, onlyIfMissing: true),
        ]
        let keepVersion = existingProcessVersion.map(ProcessVersion.supportsSettings2012) ?? false
        if !keepVersion {
            result.append(Owned(namespace: crs, name: "ProcessVersion", value: ProcessVersion.written, onlyIfMissing: false))
        }
        for (descriptor, value) in settings.present {
            result.append(Owned(
                namespace: descriptor.namespace, name: descriptor.name, value: descriptor.format(value),
                onlyIfMissing: false))
        }
        if hdr { result.append(Owned(namespace: crs, name: "HDREditMode", value: "1", onlyIfMissing: false)) }
        result.append(Owned(namespace: crs, name: "HasSettings", value: "True", onlyIfMissing: false))
        result.append(Owned(namespace: crs, name: "AlreadyApplied", value: "False", onlyIfMissing: false))
        result.append(Owned(namespace: crs, name: "RawFileName", value: rawFileName, onlyIfMissing: true))
        for key in autoToneProperties.keys.sorted() {
            result.append(Owned(
                namespace: XMPNamespace.autoTone, name: key, value: autoToneProperties[key] ?? "", onlyIfMissing: false))
        }
        return result
    }

    /// True when `name` can be an XML element/attribute local name (ASCII subset).
    static func isValidPropertyName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII,
            first.properties.isAlphabetic || first == "_"
        else { return false }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" || $0 == ".")
        }
    }
}
