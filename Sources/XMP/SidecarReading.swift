import Foundation

/// A RAW's develop settings as a training label, or why there is none.
///
/// Proprietary RAWs take their label from the Lightroom sidecar (`NAME.xmp`); DNGs from the
/// XMP packet embedded in the DNG (the ImageIO module hands over its bytes), because that is
/// where Lightroom keeps their settings — a sidecar next to a DNG is never a label.
public struct SidecarReading: Sendable, Equatable {
    /// The RAW file.
    public let raw: URL
    /// The sidecar's path, `NAME.DNG (embedded XMP)`, or nil when there is nothing to read.
    public let source: String?
    /// The packet, when it could be read.
    public let packet: XMPPacket?
    /// Why it could not be read.
    public let error: XMPReadError?
    /// The label rule the packet breaks, including the sidecar/extension rule.
    public let exclusion: LabelExclusion?

    /// Reads the label for `raw`. For a DNG pass the embedded packet (nil when it has none).
    public static func read(
        forRaw raw: URL, embeddedPacket: Data? = nil, reader: XMPReader = XMPReader(),
        location: SidecarLocation? = nil
    ) -> SidecarReading {
        let location = location ?? SidecarLocation(raw: raw)
        if location.isDNG {
            guard let embeddedPacket else {
                return SidecarReading(raw: raw, source: nil, packet: nil, error: nil, exclusion: nil)
            }
            let source = raw.path + " (embedded XMP)"
            do {
                let packet = try reader.read(data: embeddedPacket, source: source)
                return SidecarReading(raw: raw, source: source, packet: packet, error: nil, exclusion: packet.labelExclusion)
            } catch {
                return SidecarReading(raw: raw, source: source, packet: nil, error: error as? XMPReadError, exclusion: nil)
            }
        }
        guard let sidecar = location.existing else {
            return SidecarReading(raw: raw, source: nil, packet: nil, error: nil, exclusion: nil)
        }
        if location.hasAmbiguousSidecars {
            return SidecarReading(raw: raw, source: sidecar.path, packet: nil, error: nil,
                                  exclusion: .ambiguousSidecars(names: location.sidecarSpellings.map(\.lastPathComponent)))
        }
        do {
            let packet = try reader.read(contentsOf: sidecar)
            var exclusion = packet.labelExclusion
            if exclusion == nil {
                exclusion = extensionExclusion(packet: packet, location: location)
            }
            return SidecarReading(raw: raw, source: sidecar.path, packet: packet, error: nil, exclusion: exclusion)
        } catch {
            return SidecarReading(raw: raw, source: sidecar.path, packet: nil, error: error as? XMPReadError, exclusion: nil)
        }
    }

    /// Trust `NAME.xmp` for `NAME.EXT` only if `SidecarForExtension` matches EXT, or is absent
    /// and no other RAW shares the base name.
    static func extensionExclusion(packet: XMPPacket, location: SidecarLocation) -> LabelExclusion? {
        let ext = location.rawExtension
        if let recorded = packet.sidecarForExtension {
            return recorded.uppercased() == ext ? nil : .sidecarForOtherFile(rawExtension: ext, sidecarFor: recorded)
        }
        return location.sameBaseNameRaws.isEmpty ? nil : .sidecarForOtherFile(rawExtension: ext, sidecarFor: nil)
    }

    /// The label, when the packet is one.
    public var label: DevelopSettings? {
        guard let packet, error == nil, exclusion == nil else { return nil }
        return packet.settings
    }

    /// True when there is a label.
    public var isLabel: Bool { label != nil }

    /// Why there is no label (nil when there is one).
    public var reason: String? {
        if let error { return error.description }
        if let exclusion { return exclusion.description }
        if packet == nil {
            return raw.pathExtension.uppercased() == "DNG" ? "the DNG has no embedded XMP" : "no sidecar"
        }
        return nil
    }

    /// What `autotone inspect` shows, or nil when there is no sidecar (or embedded packet).
    public var summary: SidecarSummary? {
        guard let source else { return nil }
        return SidecarSummary(path: source, packet: packet, isLabel: isLabel, reason: reason)
    }
}
