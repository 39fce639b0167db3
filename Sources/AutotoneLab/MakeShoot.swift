import SeededRandom
import ArgumentParser
import Develop
import Foundation
import ImageIO
import Predict
import SyntheticRAW
import XMP

/// Builds a synthetic shoot: N DNGs made from scenes, with capture times (some in bursts), a
/// style, the photographer's edit embedded in the first `edited` DNGs (where Lightroom keeps a
/// DNG's settings), and the style's settings for every photo in `manifest.json`.
struct MakeShoot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-shoot",
        abstract: "Write N synthetic DNGs, the first ones carrying the photographer's edit, and a manifest with a style's settings for each.")

    @Option(help: "Folder written by Scripts/make-scenes.py.") var scenes: String
    @Option(help: "Output folder.") var out: String
    @Option(help: "Number of photos.") var photos = 24
    @Option(help: "How many photos (the first ones) the photographer edited: their DNGs embed the edit as XMP.") var edited = 20
    @Option(help: "Chance that a photo is a burst frame of the previous one.") var burstProbability = 0.25
    @Option(help: "Chance that a burst frame gets the lead frame's settings (synced).") var syncProbability = 0.6
    @Option(help: "Seed: the same seed gives the same shoot.") var seed: UInt64 = 1
    @Option(help: "Only the scenes of the photographs `pretrain --hold-out-every N` holds out of training (0: every scene).")
    var heldOutOf = 0
    @Flag(help: "Label every photo with the solver's exact answer: no hand noise, favourites or synced bursts (the style itself, to measure what a model learnt of it; the photos are those of the same seed without it).")
    var exact = false
    @OptionGroup var styleOption: StyleOption

    struct Photo: Encodable {
        let file: String
        let scene: String
        let source: String
        let licence: String
        let captureTime: String
        /// The burst's first frame, for burst frames.
        let burstOf: String?
        /// True when the settings were copied from the burst's first frame.
        let synced: Bool
        let recipe: RawLikeRecipe
        let iso: Int
        /// The solver's exact answer.
        let solved: [String: Double]
        /// What the photographer left, with the hand's noise and favourites (with `--exact`, the
        /// solver's answer rounded as a slider is): the label (embedded in the DNG when `edited`;
        /// what the photographer would have left otherwise).
        let settings: [String: Double]
        let edited: Bool
    }

    struct Manifest: Encodable {
        let style: Style
        let seed: UInt64
        let editedCount: Int
        /// True when every label is the solver's exact answer (`--exact`).
        let exact: Bool
        let sidecars: String
        let photos: [Photo]
    }

    func validate() throws {
        guard photos > 0, edited >= 0, edited <= photos else { throw ValidationError("need 0 ≤ edited ≤ photos, photos > 0") }
        guard (0...1).contains(burstProbability), (0...1).contains(syncProbability) else {
            throw ValidationError("probabilities must lie in 0…1")
        }
        guard heldOutOf >= 0 else { throw ValidationError("--held-out-of must not be negative.") }
    }

    func run() throws {
        let style = try styleOption.load()
        let folder = try SceneFolder(path: scenes)
        let output = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        var rng = SplitMix64(seed: seed)
        let entries = heldOutOf > 0 ? folder.split(holdingOutEvery: heldOutOf).heldOut : folder.entries
        guard !entries.isEmpty else { throw ValidationError("\(scenes) has no scenes to make a shoot from.") }
        let order = entries.shuffled(using: &rng)
        let solver = AutoAdjustSolver(style: style)
        // 2024-06-15 10:00:00 UTC plus up to a year, from the seed.
        let start = Date(timeIntervalSince1970: 1_718_445_600 + Double(rng.next() % 31_536_000))
        let schedule = ShootSchedule(photos: photos, burstProbability: burstProbability,
                                     syncProbability: syncProbability, start: start, using: &rng)
        // The photographer edits the day after the shoot, a photo every 40 seconds.
        let editingStart = (schedule.frames.last?.captureDate ?? start) + 86_400
        var results: [Photo] = []
        var last: (number: Int, image: LinearImage)?
        let progress = ProgressLine(total: schedule.frames.count, noun: "photos made")
        for (index, frame) in schedule.frames.enumerated() {
            let file = String(format: "IMG_%04d.dng", index + 1)
            var photoRNG = SplitMix64(seed: seed &+ UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15)
            let entry = order[frame.sceneNumber % order.count]
            // Burst frames repeat the scene before them, so only the last scene is kept.
            let sceneImage: LinearImage
            if let last, last.number == frame.sceneNumber {
                sceneImage = last.image
            } else {
                sceneImage = try folder.image(entry)
                last = (frame.sceneNumber, sceneImage)
            }
            let display = Self.shifted(sceneImage, by: frame.shift)
            let scene = frame.recipe.apply(toDisplayLinear: display)
            var sensor = SyntheticSensor()
            sensor.iso = [100, 200, 400, 800, 1600][photoRNG.nextIndex(below: 5)]
            let mosaic = sensor.capture(scene, using: &photoRNG)
            let solved = solver.solve(scene)
            // Drawn even when exact, so that both shoots of a seed hold the same photos.
            let humanised = style.humanised(solved, using: &photoRNG)
            var settings = exact ? solved.clampedAndRounded() : humanised
            // Photographers often sync a burst: the frame gets the lead frame's settings.
            let synced = frame.synced && !exact
            if synced, let lead = frame.leadFrame {
                settings = DevelopAdjustments(xmpValues: results[lead].settings)
            }
            let label = DevelopSettings(settings.xmpValues)
            let edited = index < edited
            var metadata = DNGMetadata()
            metadata.setCaptureDate(frame.captureDate)
            metadata.iso = Int(sensor.iso)
            metadata.exposureTime = 1 / 250
            metadata.fNumber = 4
            if edited {
                metadata.xmpPacket = try EmbeddedEdit.packet(
                    settings: label, rawFileName: file, styleName: style.name,
                    editDate: editingStart + 40 * Double(index))
            }
            try DNGWriter.write(mosaic: mosaic, colorMatrix: sensor.colorMatrix, asShotNeutral: sensor.neutral,
                                metadata: metadata, to: output.appendingPathComponent(file))
            results.append(Photo(file: file, scene: entry.file, source: entry.source, licence: entry.licence,
                                 captureTime: (metadata.captureTime ?? "") + String(format: ".%02d", metadata.captureHundredths ?? 0),
                                 burstOf: frame.leadFrame.map { results[$0].file }, synced: synced,
                                 recipe: frame.recipe, iso: Int(sensor.iso), solved: solved.xmpValues,
                                 settings: label.valuesByName, edited: edited))
            progress.advance()
        }
        progress.finish()
        let manifest = Manifest(
            style: style, seed: seed, editedCount: edited, exact: exact,
            sidecars: "none: as Lightroom does for DNGs, the first editedCount photos carry the photographer's "
                + "edit (their `settings`) as an XMP packet embedded in the DNG (TIFF tag 700, xmp:CreatorTool "
                + "\"\(EmbeddedEdit.creatorTool(styleName: style.name))\"); the others carry no develop settings",
            photos: results)
        try JSONEncoder.pretty.encode(manifest).write(to: output.appendingPathComponent("manifest.json"), options: .atomic)
        try style.jsonData().write(to: output.appendingPathComponent("style.json"), options: .atomic)
        print("\(photos) DNGs (\(edited) edited, the edit embedded), style \(style.name), "
              + "manifest in \(output.appendingPathComponent("manifest.json").path)")
    }

    /// The image moved sideways by `dx` pixels, edges repeated.
    static func shifted(_ image: LinearImage, by dx: Int) -> LinearImage {
        guard dx != 0 else { return image }
        var pixels = image.pixels
        for y in 0..<image.height {
            for x in 0..<image.width {
                let source = min(max(x - dx, 0), image.width - 1)
                for c in 0..<3 { pixels[(y * image.width + x) * 3 + c] = image.pixels[(y * image.width + source) * 3 + c] }
            }
        }
        return LinearImage(width: image.width, height: image.height, pixels: pixels)
    }
}
