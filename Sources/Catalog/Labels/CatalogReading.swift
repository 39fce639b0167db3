import Foundation
import XMP

/// A RAW's develop settings from a Lightroom catalog as a training label, or why there is none:
/// the catalog's counterpart of `SidecarReading`.
public struct CatalogReading: Sendable, Equatable {
    /// The RAW file on disk.
    public var raw: URL
    /// `CATALOG.lrcat (image 42)`, naming how the photo was matched when not by its full path.
    public var source: String
    /// The packet built from the catalog's text, when it could be read.
    public var packet: XMPPacket?
    /// Why the text could not be read.
    public var error: LuaTableError?
    /// Virtual copies of the photo in the catalog (their settings are never labels).
    public var virtualCopies: Int
    /// When Lightroom last changed the photo.
    public var lastChange: Date?

    /// The label rule the packet breaks.
    public var exclusion: LabelExclusion? { packet?.labelExclusion }

    /// The label, when the catalog's settings are one.
    public var label: DevelopSettings? {
        guard let packet, error == nil, packet.labelExclusion == nil else { return nil }
        return packet.settings
    }

    /// Why there is no label (nil when there is one), in the catalog's terms.
    public var reason: String? {
        if let error { return "the catalog's develop settings cannot be read: \(error)" }
        guard let packet else { return "the catalog holds no develop settings for it" }
        switch packet.labelExclusion {
        case nil: return nil
        case .noDevelopSettings?: return "not developed in Lightroom (the catalog records no develop adjustments)"
        case .missingProcessVersion?: return "the catalog's develop settings carry no process version"
        case let exclusion?: return exclusion.description
        }
    }

    /// The sidecar's AutoTone stamp applied to the catalog's values: when Lightroom read
    /// AutoTone's sidecar and nobody changed the values since, they are AutoTone's prediction.
    public mutating func adoptStamp(from sidecar: XMPPacket?) {
        guard let sidecar, packet != nil, packet?.autoToneProperties.isEmpty == true,
              sidecar.autoToneStamp != nil else { return }
        packet?.autoToneProperties = sidecar.autoToneProperties
    }
}
