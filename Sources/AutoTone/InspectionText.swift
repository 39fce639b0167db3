import Foundation
import ImageIO
import XMP

/// The human-readable form of `autotone inspect`.
enum InspectionText {
    static func format(_ inspection: PhotoInspection, sidecar: SidecarSummary?, catalog: CatalogSummary? = nil,
                       preview: String?) -> String {
        let m = inspection.metadata
        var lines = [inspection.path]
        func row(_ label: String, _ value: String) {
            lines.append("  " + label.padding(toLength: 14, withPad: " ", startingAt: 0) + value)
        }
        let camera = [m.make, m.model].filter { !$0.isEmpty }.joined(separator: " ")
        row("camera", camera.isEmpty ? "unknown" : camera)
        row("sensor", "\(m.sensorWidth)×\(m.sensorHeight)")
        row("decoded", "\(inspection.decodedWidth)×\(inspection.decodedHeight)"
            + (inspection.halfSize ? " (half size)" : ""))
        var exposure: [String] = []
        if let iso = m.iso { exposure.append("ISO \(Int(iso.rounded()))") }
        if let shutter = m.shutterSeconds {
            exposure.append(shutter < 1 ? "1/\(Int((1 / shutter).rounded())) s" : String(format: "%.1f s", shutter))
        }
        if let aperture = m.aperture { exposure.append(String(format: "f/%.1f", aperture)) }
        if !exposure.isEmpty { row("exposure", exposure.joined(separator: ", ")) }
        if let captured = m.captureTime {
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
            formatter.timeZone = TimeZone(identifier: "UTC")
            row("captured", formatter.string(from: captured))
        }
        let t = inspection.timings
        row("decode", String(format: "%.3f s (open %.3f, unpack %.3f, demosaic %.3f)",
                             t.total, t.open, t.unpack, t.demosaic))
        row("preprocess", String(format: "%.3f s (area resize to %d×%d, %@ tone curve)",
                                 inspection.preprocessSeconds, inspection.inputSize, inspection.inputSize,
                                 inspection.toneCurve.rawValue))
        row("input", "channel  mean    p1      p50     p99   (tone-encoded, 0…1)")
        for (name, stats) in zip(["red", "green", "blue"], inspection.input.channels) {
            row("", String(format: "%@ %.3f   %.3f   %.3f   %.3f",
                           name.padding(toLength: 8, withPad: " ", startingAt: 0),
                           stats.mean, stats.p1, stats.p50, stats.p99))
        }
        row("clipped", String(format: "%.2f%% of decoded pixels; %.2f%% black",
                              inspection.decoded.clipped * 100, inspection.decoded.black * 100))
        if let preview { row("preview", preview) }
        lines += sidecarLines(sidecar)
        if let catalog {
            if let summary = catalog.summary {
                lines += sidecarLines(summary, heading: "catalog")
            } else {
                lines.append("  " + "catalog".padding(toLength: 14, withPad: " ", startingAt: 0)
                             + (catalog.problem ?? "not in the catalog"))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The sidecar's rows; with `heading` "catalog", the same rows for the catalog's settings.
    static func sidecarLines(_ sidecar: SidecarSummary?, heading: String = "sidecar") -> [String] {
        func row(_ label: String, _ value: String) -> String {
            "  " + label.padding(toLength: 14, withPad: " ", startingAt: 0) + value
        }
        guard let sidecar else { return [row(heading, "none")] }
        var lines = [row(heading, sidecar.path)]
        lines.append(row("label", sidecar.isLabel ? "yes" : "no: " + (sidecar.reason ?? "unknown reason")))
        let values = SettingDescriptor.standard.compactMap { descriptor in
            sidecar.settings[descriptor.name].map { "\(descriptor.name) \(descriptor.format($0))" }
        }
        lines.append(row("settings", values.isEmpty ? "none of the eight" : values.joined(separator: ", ")))
        if sidecar.isHDR { lines.append(row("HDR", "yes (HDREditMode 1)")) }
        let other = sidecar.otherDevelopSettings.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            + sidecar.structuredDevelopSettings
        if !other.isEmpty { lines.append(row("other", other.joined(separator: ", "))) }
        if let tool = sidecar.creatorTool { lines.append(row("written by", tool)) }
        if let model = sidecar.autoTone?["Model"] { lines.append(row("AutoTone", "prediction of model \(model)")) }
        return lines
    }
}
