import Catalog
import Foundation
import XMP

/// Where a RAW's label comes from when a Lightroom catalog is given: the catalog, which holds
/// what Lightroom shows, unless it does not know the photo; then the sidecar. Either way the
/// photographer hears when the two disagree (a catalog newer than its sidecars is common: Lightroom
/// writes sidecars only when asked).
enum CatalogChoice: Equatable {
    /// The catalog's settings are the label.
    case catalog(settings: DevelopSettings, packet: XMPPacket, source: String, notice: String?)
    /// The catalog holds the photo but its settings are not a label.
    case noLabel(reason: String, notice: String?)
    /// The catalog does not hold the photo: read its sidecar as usual.
    case sidecar(notice: String?)

    static func choose(raw: URL, catalog: Result<CatalogReading, CatalogMatchProblem>?, sidecar: SidecarReading,
                       space: LabelSpace) -> CatalogChoice {
        let name = raw.lastPathComponent
        let sidecarName = sidecar.source.map { ($0 as NSString).lastPathComponent } ?? "the sidecar"
        switch catalog {
        case nil:
            return .sidecar(notice: sidecar.isLabel ? "\(name): not in the catalog; the edit in \(sidecarName) was used" : nil)
        case .failure(let problem)?:
            return .sidecar(notice: "\(name): \(problem.reason)"
                            + (sidecar.isLabel ? "; the edit in \(sidecarName) was used" : ""))
        case .success(var reading)?:
            reading.adoptStamp(from: sidecar.packet)
            guard let settings = reading.label, let packet = reading.packet else {
                let reason = "in the catalog, " + (reading.reason ?? "no label")
                let notice = sidecar.isLabel
                    ? "\(name): \(sidecarName) holds an edit, but the catalog, which Lightroom shows, has none (\(reading.reason ?? "no label")); nothing was learnt from it"
                    : nil
                return .noLabel(reason: reason, notice: notice)
            }
            var notice: String?
            if let other = sidecar.label {
                let differences = differences(catalog: settings, sidecar: other, space: space)
                if !differences.isEmpty {
                    var when = ""
                    if let change = reading.lastChange, let written = modificationDate(sidecar), change > written {
                        when = "; the catalog changed after the sidecar was written"
                    }
                    notice = "\(name): the catalog and \(sidecarName) disagree (\(differences.joined(separator: ", "))\(when)); "
                        + "the catalog's settings were used"
                }
            }
            return .catalog(settings: settings, packet: packet, source: reading.source, notice: notice)
        }
    }

    /// `Exposure2012 +0.50 in the catalog, +0.30 in the sidecar` for each setting of the space that differs.
    static func differences(catalog: DevelopSettings, sidecar: DevelopSettings, space: LabelSpace) -> [String] {
        space.settings.compactMap { setting in
            let a = catalog.formatted(setting.name) ?? "absent"
            let b = sidecar.formatted(setting.name) ?? "absent"
            return a == b ? nil : "\(setting.name) \(a) in the catalog, \(b) in the sidecar"
        }
    }

    static func modificationDate(_ sidecar: SidecarReading) -> Date? {
        let path = sidecar.source.map { $0.hasSuffix(" (embedded XMP)") ? sidecar.raw.path : $0 } ?? sidecar.raw.path
        return (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}
