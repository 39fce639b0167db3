import ArgumentParser
import Catalog
import Foundation
import ImageIO
import Training
import XMP

/// `autotone inspect FILE…`: what the decoder saw, what the network will see and what the
/// photo's sidecar holds.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what the decoder saw in a photo, what the network will see and what its sidecar holds.")

    @Argument(help: "RAW or JPEG files.")
    var files: [String]

    @Option(help: "Write the network's 224×224 input, tone-encoded, as a JPEG (one file only; a new file or a JPEG AutoTone wrote).")
    var preview: String?

    @Flag(help: "With --preview: replace the file even when AutoTone did not write it (never a photo or a sidecar).")
    var force = false

    @Option(help: "Also show the photo's develop settings in this Lightroom Classic catalog (.lrcat), which is only read, never changed or locked.")
    var catalog: String?

    @Flag(help: "Demosaic at full size instead of half size.")
    var fullSize = false

    @Flag(help: "Print one JSON object per file instead of text.")
    var json = false

    func validate() throws {
        if force && preview == nil { throw ValidationError("--force applies to --preview.") }
        if preview != nil && files.count != 1 {
            throw ValidationError("--preview takes exactly one input file.")
        }
    }

    func run() throws {
        if let preview {
            do {
                try OutputFile(URL(fileURLWithPath: preview), kind: .jpeg).check(force: force, option: "--preview", inputs: files)
            } catch {
                Diagnostics.report(error)
                throw ExitCode(1)
            }
        }
        var recipe = PreprocessRecipe.vitDefault
        recipe.decode.halfSize = !fullSize
        let catalogLabels: CatalogLabels?
        do {
            catalogLabels = try catalog.map { path throws(CatalogError) in
                try CatalogLabels(catalog: LightroomCatalog(url: URL(fileURLWithPath: path)),
                                  raws: files.map { URL(fileURLWithPath: $0) })
            }
        } catch {
            Diagnostics.report(error)
            throw ExitCode(1)
        }
        var failures = 0
        for file in files {
            do {
                let url = URL(fileURLWithPath: file)
                let inspection = try PhotoInspection.inspect(url, recipe: recipe)
                let reading = SidecarReading.read(forRaw: url, embeddedPacket: inspection.metadata.embeddedXMP)
                let sidecar = reading.summary
                let inCatalog = catalogLabels.map { CatalogSummary(reading: $0.reading(for: url), sidecar: reading) }
                if let preview, let image = inspection.displayImage {
                    try JPEGCodec.write(image, to: URL(fileURLWithPath: preview), quality: 95)
                }
                print(json
                      ? try JSONLine.encode(InspectRecord(inspection: inspection, sidecar: sidecar, catalog: inCatalog))
                      : InspectionText.format(inspection, sidecar: sidecar, catalog: inCatalog, preview: preview))
            } catch {
                failures += 1
                Diagnostics.report(error)
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
