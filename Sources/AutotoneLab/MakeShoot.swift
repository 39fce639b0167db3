import ArgumentParser
import Develop
import Foundation
import ImageIO

/// Builds a synthetic shoot: N DNGs made from scenes, with capture times (some in bursts), a
/// style, and the style's settings for every photo in `manifest.json`.
struct MakeShoot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-shoot",
        abstract: "Write N synthetic DNGs and a manifest with a style's settings for each.")

    @Option(help: "Folder written by Scripts/make-scenes.py.") var scenes: String
    @Option(help: "Output folder.") var out: String
    @Option(help: "Number of photos.") var photos = 24
    @Option(help: "How many photos (the first ones) count as edited by the photographer.") var edited = 20
    @Option(help: "Chance that a photo is a burst frame of the previous one.") var burstProbability = 0.25
    @Option(help: "Chance that a burst frame gets the lead frame's settings (synced).") var syncProbability = 0.6
    @Option(help: "Seed: the same seed gives the same shoot.") var seed: UInt64 = 1
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
        /// What the photographer left, with the hand's noise and favourites: the label.
        let settings: [String: Double]
        let edited: Bool
    }

    struct Manifest: Encodable {
        let style: Style
        let seed: UInt64
        let editedCount: Int
        let sidecars: String
        let photos: [Photo]
    }

    func validate() throws {
        guard photos > 0, edited >= 0, edited <= photos else { throw ValidationError("need 0 ≤ edited ≤ photos, photos > 0") }
        guard (0...1).contains(burstProbability), (0...1).contains(syncProbability) else {
            throw ValidationError("probabilities must lie in 0…1")
        }
    }

    func run() throws {
        let style = try styleOption.load()
        let folder = try SceneFolder(path: scenes)
        let output = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        var rng = SplitMix64(seed: seed)
        let order = folder.entries.shuffled(using: &rng)
        let solver = AutoAdjustSolver(style: style)
        // 2024-06-15 10:00:00 UTC plus up to a year, from the seed.
        var time = Date(timeIntervalSince1970: 1_718_445_600 + Double(rng.next() % 31_536_000))
        var results: [Photo] = []
        var nextScene = 0
        var previous: (entry: SceneFolder.Entry, image: LinearImage, recipe: RawLikeRecipe, file: String)?
        for index in 0..<photos {
            let file = String(format: "IMG_%04d.dng", index + 1)
            var photoRNG = SplitMix64(seed: seed &+ UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15)
            let entry: SceneFolder.Entry, display: LinearImage, recipe: RawLikeRecipe, burstOf: String?
            if let last = previous, Double.random(in: 0..<1, using: &rng) < burstProbability {
                // A burst frame: same scene, moved by a photosite pair, a touch of exposure jitter.
                entry = last.entry
                display = Self.shifted(last.image, by: 2 * Int.random(in: -2...2, using: &rng))
                recipe = RawLikeRecipe(exposureError: last.recipe.exposureError + Double.random(in: -0.1...0.1, using: &rng),
                                       flattening: last.recipe.flattening)
                burstOf = last.file
                time += Double.random(in: 0.3...2.5, using: &rng)
            } else {
                entry = order[nextScene % order.count]
                nextScene += 1
                display = try folder.image(entry)
                recipe = RawLikeRecipe.random(using: &rng)
                burstOf = nil
                time += Double.random(in: 20...900, using: &rng)
            }
            let scene = recipe.apply(toDisplayLinear: display)
            var sensor = SyntheticSensor()
            sensor.iso = [100, 200, 400, 800, 1600][Int.random(in: 0..<5, using: &photoRNG)]
            let mosaic = sensor.capture(scene, using: &photoRNG)
            var metadata = DNGMetadata()
            metadata.setCaptureDate(time)
            metadata.iso = Int(sensor.iso)
            metadata.exposureTime = 1 / 250
            metadata.fNumber = 4
            try DNGWriter.write(mosaic: mosaic, colorMatrix: sensor.colorMatrix, asShotNeutral: sensor.neutral,
                                metadata: metadata, to: output.appendingPathComponent(file))
            let solved = solver.solve(scene)
            var settings = style.humanised(solved, using: &photoRNG)
            // Photographers often sync a burst: most burst frames get the lead frame's settings.
            let synced = burstOf != nil && Double.random(in: 0..<1, using: &rng) < syncProbability
            if synced, let lead = results.last(where: { $0.file == burstOf }) {
                settings = DevelopAdjustments(xmpValues: lead.settings)
            }
            results.append(Photo(file: file, scene: entry.file, source: entry.source, licence: entry.licence,
                                 captureTime: (metadata.captureTime ?? "") + String(format: ".%02d", metadata.captureHundredths ?? 0), burstOf: burstOf, synced: synced, recipe: recipe,
                                 iso: Int(sensor.iso), solved: solved.xmpValues, settings: settings.xmpValues,
                                 edited: index < edited))
            previous = (entry, display, recipe, burstOf ?? file)
            if isatty(STDERR_FILENO) != 0 {
                FileHandle.standardError.write(Data("\r\(index + 1)/\(photos) \(file)".utf8))
            }
        }
        if isatty(STDERR_FILENO) != 0 { FileHandle.standardError.write(Data("\n".utf8)) }
        let manifest = Manifest(
            style: style, seed: seed, editedCount: edited,
            sidecars: "not written yet: the first editedCount photos get XMP sidecars once the XMP module lands",
            photos: results)
        try JSONEncoder.pretty.encode(manifest).write(to: output.appendingPathComponent("manifest.json"), options: .atomic)
        try style.jsonData().write(to: output.appendingPathComponent("style.json"), options: .atomic)
        print("\(photos) DNGs, style \(style.name), manifest in \(output.appendingPathComponent("manifest.json").path)")
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
