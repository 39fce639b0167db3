import ImageIO
import XMP

/// One photo's `inspect --json` object: the decoder's findings plus a `sidecar` object (null
/// when the photo has none) and, with `--catalog`, a `catalog` object of the same shape (null
/// when the catalog does not hold the photo) with `catalogProblem` when it cannot tell which
/// of its photos this is.
struct InspectRecord: Encodable {
    var inspection: PhotoInspection
    var sidecar: SidecarSummary?
    var catalog: CatalogSummary? = nil

    enum CodingKeys: String, CodingKey {
        case sidecar, catalog, catalogProblem
    }

    func encode(to encoder: Encoder) throws {
        try inspection.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sidecar, forKey: .sidecar)
        if let catalog {
            try container.encode(catalog.summary, forKey: .catalog)
            try container.encodeIfPresent(catalog.problem, forKey: .catalogProblem)
        }
    }
}
