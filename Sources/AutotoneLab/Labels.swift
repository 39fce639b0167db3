import SeededRandom
import ArgumentParser
import Develop
import Foundation
import ImageIO

/// Solves every style on many RAW-like versions of the scenes and writes the labels, for
/// `Scripts/label-stats.py`.
struct Labels: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write each style's labels (solved + human hand) on RAW-like scenes as JSON lines.")

    @Option(help: "Folder written by Scripts/make-scenes.py.") var scenes: String
    @Option(help: "RAW-like recipes (exposure error, flattening) per scene.") var recipes = 3
    @Option(help: "Styles to solve (default: all built-in).") var styles: [String] = []
    @Option(help: "Seed.") var seed: UInt64 = 1
    @Option(help: "Output file (JSON lines).") var out: String

    struct Row: Encodable {
        let style: String
        let scene: String
        let source: String
        let recipe: RawLikeRecipe
        let solved: [String: Double]
        let settings: [String: Double]
    }

    func run() throws {
        let folder = try SceneFolder(path: scenes)
        let chosen = try (styles.isEmpty ? BuiltInStyles.names : styles).map(StyleOption.load)
        var rng = SplitMix64(seed: seed)
        var lines = Data()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for (number, entry) in folder.entries.enumerated() {
            let small = try folder.image(entry).areaDownsampled(maxSide: 128)
            for _ in 0..<recipes {
                let recipe = RawLikeRecipe.random(using: &rng)
                let scene = recipe.apply(toDisplayLinear: small)
                for style in chosen {
                    let solved = AutoAdjustSolver(style: style).solve(scene)
                    let settings = style.humanised(solved, using: &rng)
                    lines.append(try encoder.encode(Row(style: style.name, scene: entry.file, source: entry.source,
                                                        recipe: recipe, solved: solved.xmpValues,
                                                        settings: settings.xmpValues)))
                    lines.append(0x0A)
                }
            }
            if isatty(STDERR_FILENO) != 0 {
                FileHandle.standardError.write(Data("\r\(number + 1)/\(folder.entries.count) scenes".utf8))
            }
        }
        if isatty(STDERR_FILENO) != 0 { FileHandle.standardError.write(Data("\n".utf8)) }
        try lines.write(to: URL(fileURLWithPath: out), options: .atomic)
    }
}
