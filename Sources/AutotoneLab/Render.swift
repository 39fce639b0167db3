import ArgumentParser
import Develop
import Foundation
import ImageIO
import SeededRandom
import SyntheticRAW

/// Renders a RAW-like scene before (all settings 0) and after (a style's solved settings),
/// side by side, as an 8-bit PPM.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Before/after rendering of a scene with a style.")

    @Option(help: "A scene PFM (display-linear, from Scripts/make-scenes.py).") var scene: String?
    @Option(help: ArgumentHelp("Instead of --scene, a procedural scene of this kind (\(ProceduralScene.Kind.allCases.map(\.rawValue).joined(separator: ", "))), scene-linear, 672×448.", valueName: "kind"))
    var procedural: String?
    @Option(help: "With --procedural: its seed.") var seed: UInt64 = 1
    @Option(help: "Exposure error of the RAW-like recipe, EV.") var exposureError = -0.8
    @Option(help: "Flattening of the RAW-like recipe, 0…1.") var flattening = 0.2
    @Option(help: ArgumentHelp("With --scene: put it under new light first, as `pretrain --relight-share` does (a gradient or a pool of light), drawn from this seed.", valueName: "seed"))
    var relight: UInt64?
    @Flag(help: "The PFM is already scene-linear (a RAW decode): use it as it is, without the recipe.")
    var linear = false
    @Option(help: "Output PPM.") var out: String
    @OptionGroup var styleOption: StyleOption

    func validate() throws {
        guard (scene == nil) != (procedural == nil) else { throw ValidationError("give --scene or --procedural.") }
        if let procedural, ProceduralScene.Kind(rawValue: procedural) == nil {
            throw ValidationError("--procedural must be one of \(ProceduralScene.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        if relight != nil, scene == nil { throw ValidationError("--relight needs --scene.") }
    }

    func run() throws {
        let style = try styleOption.load()
        let raw: LinearImage
        if let procedural, let kind = ProceduralScene.Kind(rawValue: procedural) {
            var rng = Xoshiro256StarStar(seed: seed)
            raw = ProceduralScene.make(kind, width: 672, height: 448, using: &rng)
        } else {
            var input = try PortableFloatMap.read(URL(fileURLWithPath: scene ?? ""))
            if let relight {
                var rng = Xoshiro256StarStar(seed: relight)
                input = Relighting.random(using: &rng).apply(to: input)
            }
            raw = linear ? input : RawLikeRecipe(exposureError: exposureError, flattening: flattening)
                .apply(toDisplayLinear: input)
        }
        let settings = AutoAdjustSolver(style: style).solve(raw)
        let renderer = DevelopRenderer()
        let before = renderer.render(raw, .zero).rgb8(), after = renderer.render(raw, settings).rgb8()
        var joined = [UInt8]()
        joined.reserveCapacity(before.count * 2)
        let row = raw.width * 3
        for y in 0..<raw.height {
            joined += before[(y * row)..<((y + 1) * row)]
            joined += after[(y * row)..<((y + 1) * row)]
        }
        try PortablePixmap.write(width: raw.width * 2, height: raw.height, rgb: joined, to: URL(fileURLWithPath: out))
        let values = settings.xmpValues.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        print("\(style.name): " + values.joined(separator: " "))
    }
}
