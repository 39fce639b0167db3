import Catalog
import XMP

/// What `inspect --catalog` shows of one photo in the catalog: its settings in the sidecar's
/// shape (nil when the catalog does not hold it), or why the photo cannot be matched.
struct CatalogSummary {
    var summary: SidecarSummary?
    var problem: String?

    init(reading: Result<CatalogReading, CatalogMatchProblem>?, sidecar: SidecarReading) {
        switch reading {
        case nil:
            summary = nil
        case .failure(let matchProblem)?:
            problem = matchProblem.reason
        case .success(var found)?:
            found.adoptStamp(from: sidecar.packet)
            summary = SidecarSummary(path: found.source, packet: found.packet, isLabel: found.label != nil, reason: found.reason)
        }
    }
}
