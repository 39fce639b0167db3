import ImageIO
import XMP

/// One photo's `inspect --json` object: the decoder's findings plus a `sidecar` object (null
/// when the photo has none).
struct InspectRecord: Encodable {
    var inspection: PhotoInspection
    var sidecar: SidecarSummary?

    enum CodingKeys: String, CodingKey {
        case sidecar
    }

    func encode(to encoder: Encoder) throws {
        try inspection.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sidecar, forKey: .sidecar)
    }
}
