import ArgumentParser
import Develop
import Foundation
import ImageIO

/// Developer tooling for synthetic data: scenes → DNG shoots with a style's settings, label
/// statistics, before/after renderings. Not part of the product (`autotone`).
@main
struct AutotoneLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autotone-lab",
        abstract: "Synthetic RAW shoots, styles and renderings for AutoTone development.",
        subcommands: [MakeShoot.self, Labels.self, Render.self, Styles.self, InitModel.self, Pretrain.self, Curve.self])
}

/// Options naming a style: a built-in name or a JSON file.
struct StyleOption: ParsableArguments {
    @Option(help: "A built-in style name (\(BuiltInStyles.names.joined(separator: ", "))) or a style JSON file.")
    var style = "neutral"

    func load() throws -> Style { try Self.load(style) }

    /// The built-in style of that name, or the style in that JSON file.
    static func load(_ nameOrPath: String) throws -> Style {
        if nameOrPath.hasSuffix(".json") { return try Style(contentsOf: URL(fileURLWithPath: nameOrPath)) }
        return try BuiltInStyles.style(named: nameOrPath)
    }
}

/// The scenes folder written by Scripts/make-scenes.py.
struct SceneFolder {
    struct Entry: Decodable {
        let file: String
        let source: String
        let licence: String
        /// The photographs a composite was made from (Scripts/composite_scenes.py); nil for a
        /// crop of one photograph.
        let parts: [String]?
    }

    struct Index: Decodable {
        let scenes: [Entry]
    }

    let url: URL
    let entries: [Entry]

    init(path: String) throws {
        url = URL(fileURLWithPath: path)
        let index = url.appendingPathComponent("scenes.json")
        guard let data = try? Data(contentsOf: index) else {
            throw ValidationError("\(index.path): no scene index there; make the folder with Scripts/make-scenes.py")
        }
        entries = try JSONDecoder().decode(Index.self, from: data).scenes
        guard !entries.isEmpty else { throw ValidationError("no scenes in \(path)") }
    }

    func image(_ entry: Entry) throws -> LinearImage {
        try PortableFloatMap.read(url.appendingPathComponent(entry.file))
    }

    /// The scenes split by source photograph: of the distinct sources of the crops, sorted,
    /// every `every`th (from the `every − 1`th) is held out with all its scenes; 0 holds none
    /// out. A composite trains when none of its photographs is held out and is dropped
    /// otherwise (held-out scenes are whole photographs training never saw). The same rule as
    /// Scripts/neutral-contact-sheet.py and composite_scenes.py.
    func split(holdingOutEvery every: Int) -> (training: [Entry], heldOut: [Entry]) {
        guard every > 0 else { return (entries, []) }
        let sources = Set(entries.filter { $0.parts == nil }.map(\.source)).sorted()
        let heldOut = Set(sources.indices.filter { $0 % every == every - 1 }.map { sources[$0] })
        return (entries.filter { ($0.parts ?? [$0.source]).allSatisfy { !heldOut.contains($0) } },
                entries.filter { $0.parts == nil && heldOut.contains($0.source) })
    }
}

extension JSONEncoder {
    static var pretty: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }
}

struct Styles: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the built-in styles or export them as JSON files.")

    @Option(help: "Write each built-in style to DIR/NAME.json.")
    var export: String?

    func run() throws {
        for style in try BuiltInStyles.all() {
            if let export {
                let folder = URL(fileURLWithPath: export)
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try style.jsonData().write(to: folder.appendingPathComponent("\(style.name).json"), options: .atomic)
            }
            print("\(style.name): \(style.description)")
        }
    }
}
