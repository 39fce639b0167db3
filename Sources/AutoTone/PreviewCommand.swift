import ArgumentParser
import Develop
import Foundation
import ImageIO
import Predict
import Training
import XMP

/// `autotone preview RAW OUT.jpg`: the photo before and after the model's settings, side by
/// side in one JPEG (and as the photographer developed it, when the RAW carries an edit), to
/// judge a model by eye. Rendered by AutoTone's approximation of Lightroom, not by Lightroom.
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Render a RAW before and after the predicted settings, side by side, into a JPEG.",
        discussion: """
            Panels, left to right: before (every setting 0), AutoTone (the predicted settings) and, \
            when the RAW has the photographer's edit (sidecar or DNG-embedded), photographer. \
            Rendered by AutoTone's approximation of Lightroom's process, so it shows the direction \
            and size of the settings, not Lightroom's exact look. Exit status: 0 on success, 1 when \
            the RAW cannot be decoded or the JPEG written (OUT must be new, or a JPEG AutoTone wrote, \
            unless --force; a photo or a sidecar is never replaced), 2 for usage errors.
            """)

    @Argument(help: "The RAW (or JPEG) to preview.")
    var raw: String

    @Argument(help: "The JPEG to write (a new file, or a JPEG AutoTone wrote, replaced atomically).")
    var out: String

    @Flag(help: "Replace OUT even when AutoTone did not write it (never a photo or a sidecar).")
    var force = false

    @Option(help: "The model (default: the shipped Weights/autotone-vit-tiny.safetensors).")
    var weights: String?

    @Option(help: "Longer side of each panel in pixels (never enlarged past the decoded size).")
    var size = 768

    func validate() throws {
        guard size >= 16 else { throw ValidationError("--size must be at least 16.") }
        let input = URL(fileURLWithPath: raw).standardizedFileURL.resolvingSymlinksInPath()
        let output = URL(fileURLWithPath: out).standardizedFileURL.resolvingSymlinksInPath()
        guard input.path != output.path else { throw ValidationError("\(out): the output would replace the RAW itself.") }
    }

    func run() throws {
        do {
            try OutputFile(URL(fileURLWithPath: out), kind: .jpeg).check(force: force, inputs: [raw] + (weights.map { [$0] } ?? []))
        } catch {
            Diagnostics.report(error)
            throw ExitCode(1)
        }
        let model = try CommandModel.load(weights)
        do {
            try preview(model)
        } catch {
            Diagnostics.report(error)
            throw ExitCode(1)
        }
    }

    private func preview(_ model: StyleModel) throws {
        let url = URL(fileURLWithPath: raw)
        let photo = try PhotoDecoder.decode(url, options: model.recipe.decode)
        let tensor = Preprocessor(recipe: model.recipe).tensor(from: photo.image)
        // The predictor `predict` uses, so the preview shows what a sidecar would get.
        guard let prediction = try StyleModelPredictor(model: model).predict([tensor]).first else { return }
        let predicted = DevelopSettings(unitValues: prediction.unitValues.map { $0 }, descriptors: model.descriptors)
        let photographer = SidecarReading.read(forRaw: url, embeddedPacket: photo.metadata.embeddedXMP).label

        let small = photo.image.areaDownsampled(maxSide: size)
        let renderer = DevelopRenderer()
        var panels = [renderer.render(small, .zero),
                      renderer.render(small, DevelopAdjustments(xmpValues: predicted.valuesByName))]
        if let photographer {
            panels.append(renderer.render(small, DevelopAdjustments(xmpValues: photographer.valuesByName)))
        }
        let outURL = URL(fileURLWithPath: out)
        try JPEGCodec.write(DisplayImage.sideBySide(panels), to: outURL, quality: 90)

        let titles = ["before", "AutoTone"] + (photographer == nil ? [] : ["photographer"])
        print("\(raw) → \(out): \(titles.joined(separator: " | ")), \(small.width)×\(small.height) each")
        print("setting".padding(toLength: 16, withPad: " ", startingAt: 0) + pad("AutoTone", 9)
              + (photographer == nil ? "" : pad("photographer", 14)))
        for descriptor in model.descriptors {
            print(descriptor.name.padding(toLength: 16, withPad: " ", startingAt: 0)
                  + pad(predicted.formatted(descriptor.name) ?? "–", 9)
                  + (photographer.map { pad($0.formatted(descriptor.name) ?? "–", 14) } ?? ""))
        }
        if let confidence = prediction.confidence {
            print(String(format: "confidence %.2f (agreement with the mirrored photo's prediction; 1 = identical)", confidence))
        }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }
}
