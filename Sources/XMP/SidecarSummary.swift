import Foundation

/// What a RAW's sidecar holds, for `autotone inspect` (and its `--json` `sidecar` object).
public struct SidecarSummary: Sendable, Equatable, Codable {
    /// The sidecar's path (or `NAME.DNG (embedded XMP)`).
    public var path: String
    /// True when the sidecar is a training label.
    public var isLabel: Bool
    /// Why it is not a label; absent when it is.
    public var reason: String?
    /// The predicted settings present, keyed by XMP name (`Exposure2012`…); absent ones left out.
    public var settings: [String: Double]
    /// Other simple develop settings present (`Clarity2012`, `Temperature`…), as written.
    public var otherDevelopSettings: [String: String]
    /// Develop structures present (`Look`, masks, tone curves), by name.
    public var structuredDevelopSettings: [String]
    /// `xmp:CreatorTool`: the program that wrote the file.
    public var creatorTool: String?
    /// `crs:ProcessVersion`.
    public var processVersion: String?
    /// `crs:HDREditMode` is 1.
    public var isHDR: Bool
    /// AutoTone's own properties, when AutoTone wrote the sidecar.
    public var autoTone: [String: String]?

    public init(path: String, packet: XMPPacket?, isLabel: Bool, reason: String?) {
        self.path = path
        self.isLabel = isLabel
        self.reason = reason
        settings = packet?.settings.valuesByName ?? [:]
        otherDevelopSettings = packet?.otherDevelopSettings ?? [:]
        structuredDevelopSettings = packet?.structuredDevelopSettings ?? []
        creatorTool = packet?.creatorTool
        processVersion = packet?.processVersion
        isHDR = packet?.isHDR ?? false
        autoTone = (packet?.autoToneProperties).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Finds and reads the sidecar of `raw` (for a DNG: its embedded packet, when given).
    /// Nil when there is none.
    public static func forRaw(_ raw: URL, embeddedPacket: Data? = nil, reader: XMPReader = XMPReader()) -> SidecarSummary? {
        SidecarReading.read(forRaw: raw, embeddedPacket: embeddedPacket, reader: reader).summary
    }
}
