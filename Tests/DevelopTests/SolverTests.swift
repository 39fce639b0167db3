@testable import Develop
import SeededRandom
import Foundation
import ImageIO
import Testing

@Suite("Auto-adjust solver and styles")
struct SolverTests {
    let neutral: Style
    let event: Style

    init() throws {
        neutral = try BuiltInStyles.style(named: "neutral")
        event = try BuiltInStyles.style(named: "event")
    }

    /// Mean luma of the rendering of `image` with `adjustments`.
    func meanLuma(_ image: LinearImage, _ adjustments: DevelopAdjustments) -> Float {
        DevelopRenderer().render(image, adjustments).meanLuma
    }

    @Test("solving is deterministic")
    func deterministic() {
        let scene = TestScenes.backlit()
        #expect(AutoAdjustSolver(style: event).solve(scene) == AutoAdjustSolver(style: event).solve(scene))
    }

    @Test("a backlit scene gets more Shadows and less Highlights than a flat overcast one", arguments: ["neutral", "event"])
    func dependsOnThePicture(styleName: String) throws {
        let solver = AutoAdjustSolver(style: try BuiltInStyles.style(named: styleName))
        let backlit = solver.solve(TestScenes.backlit()), overcast = solver.solve(TestScenes.overcast())
        #expect(backlit.shadows > overcast.shadows + 15, "backlit \(backlit) overcast \(overcast)")
        #expect(backlit.highlights < overcast.highlights - 10, "backlit \(backlit) overcast \(overcast)")
        // The flat scene needs its tonal range stretched, not compressed.
        #expect(overcast.contrast > backlit.contrast, "backlit \(backlit) overcast \(overcast)")
    }

    @Test("a scene one stop darker gets about one stop more Exposure, half a stop where neutral keeps half the key")
    func exposureFollowsTheScene() {
        let scene = TestScenes.overcast()
        var darker = scene
        darker.pixels = darker.pixels.map { $0 / 2 }
        var middleGrey = neutral
        middleGrey.targets.keyRetention = nil
        for (style, expected) in [(middleGrey, 1.0), (neutral, 1 - neutral.targets.keyRetention!)] {
            let solver = AutoAdjustSolver(style: style)
            let difference = solver.solve(darker).exposure - solver.solve(scene).exposure
            #expect(abs(difference - expected) < 0.25, "\(style.targets.keyRetention ?? 0): difference \(difference)")
        }
    }

    @Test("the solved settings meet the style's middle grey far better than zero settings")
    func meetsTargets() throws {
        for var style in try BuiltInStyles.all() {
            style.targets.keyRetention = nil  // aim at middle grey itself, not at a blend with the photo's key
            let scene = TestScenes.overcast()
            var underexposed = scene
            underexposed.pixels = underexposed.pixels.map { $0 / 3 }
            let solved = AutoAdjustSolver(style: style).solve(underexposed)
            let target = Float(style.targets.middleGrey)
            let before = abs(meanLuma(underexposed, .zero) - target), after = abs(meanLuma(underexposed, solved) - target)
            #expect(after < 0.04, "\(style.name): mean luma off by \(after) with \(solved)")
            #expect(after < before / 3, "\(style.name): before \(before), after \(after)")
        }
    }

    @Test("styles are distinct: bright-and-airy renders brighter than neutral, neutral than moody; punchy is most colourful")
    func stylesDiffer() throws {
        let scene = TestScenes.ramp()
        func rendered(_ name: String) throws -> DisplayImage {
            DevelopRenderer().render(scene, AutoAdjustSolver(style: try BuiltInStyles.style(named: name)).solve(scene))
        }
        let airy = try rendered("bright-and-airy"), plain = try rendered("neutral"), moody = try rendered("moody")
        #expect(airy.meanLuma > plain.meanLuma + 0.04)
        #expect(plain.meanLuma > moody.meanLuma + 0.04)
        func chroma(_ image: DisplayImage) -> Float {
            (0..<(image.width * image.height)).map { index -> Float in
                let (r, g, b) = image.pixel(index)
                return max(r, g, b) - min(r, g, b)
            }.reduce(0, +)
        }
        let punchy = try rendered("punchy"), event = try rendered("event")
        #expect(chroma(punchy) > chroma(plain) && chroma(punchy) > chroma(event) && chroma(plain) > chroma(event))
    }

    @Test("built-in styles decode, validate, and survive a JSON round trip")
    func builtInStyles() throws {
        let styles = try BuiltInStyles.all()
        #expect(styles.map(\.name) == BuiltInStyles.names)
        #expect(Set(styles.map(\.name)).count >= 4)
        for style in styles {
            #expect(try Style(json: style.jsonData()) == style)
        }
        #expect(throws: StyleError.unknownStyle(name: "sepia", known: BuiltInStyles.names)) {
            try BuiltInStyles.style(named: "sepia")
        }
    }

    @Test("invalid style JSON is refused with a reason")
    func invalidStyles() throws {
        #expect(throws: StyleError.self) { try Style(json: Data("{\"name\": 3}".utf8)) }
        var style = neutral
        style.targets.middleGrey = 1.4
        #expect(throws: StyleError.self) { try Style(json: style.jsonData()) }
        style = neutral
        style.habits[.exposure] = Style.Habit(value: 9, weight: 1)
        #expect(throws: StyleError.self) { try Style(json: style.jsonData()) }
        style = neutral
        style.hand.favourites.append(Style.Favourite(slider: .whites, value: -37, radius: 5, probability: 1.5))
        #expect(throws: StyleError.self) { try style.validate() }
        let missing = URL(fileURLWithPath: "/nonexistent/style.json")
        #expect(throws: StyleError.self) { try Style(contentsOf: missing) }
    }

    @Test("the human hand: seeded noise, favourite values, Lightroom's steps")
    func humanised() {
        let solved = DevelopAdjustments(exposure: 0.8, contrast: 10, highlights: -50, shadows: 40, whites: -31,
                                        blacks: 20, vibrance: 3, saturation: -40)
        var first = SplitMix64(seed: 5), second = SplitMix64(seed: 5), other = SplitMix64(seed: 6)
        let a = event.humanised(solved, using: &first), b = event.humanised(solved, using: &second)
        #expect(a == b)
        let many = (0..<200).map { _ in event.humanised(solved, using: &other) }
        #expect(Set(many.map(\.shadows)).count > 20)  // noisy
        #expect(many.allSatisfy { $0 == $0.clampedAndRounded() })
        // Whites within 12 of -37 snap to it on 70 % of photos; Vibrance within 10 of 0 on 90 %.
        let snappedWhites = many.filter { $0.whites == -37 }.count
        #expect(snappedWhites > 100 && snappedWhites < 190)
        #expect(many.filter { $0.vibrance == 0 }.count > 150)
        var certain = neutral
        certain.hand = Style.Hand(noise: [:], favourites: [Style.Favourite(slider: .contrast, value: 25, radius: 20, probability: 1)])
        #expect(certain.humanised(solved, using: &other) == solved.with(contrast: 25).clampedAndRounded())
    }
}

@Suite("Solver internals")
struct SolverInternalsTests {
    @Test("pattern search finds a box-constrained minimum deterministically")
    func patternSearch() {
        let search = PatternSearch(steps: [1, 1], minimumSteps: [1e-4, 1e-4], bounds: [-5...5, -5...0.5])
        // Minimum of the unconstrained bowl at (2, 1); the box cuts y at 0.5.
        let cost: ([Double]) -> Double = { ($0[0] - 2) * ($0[0] - 2) + 3 * ($0[1] - 1) * ($0[1] - 1) + $0[0] * $0[1] * 0.5 }
        let result = search.minimise(from: [0, 0], cost: cost)
        // ∂/∂x = 2(x − 2) + 0.5y = 0 at y = 0.5 → x = 1.875.
        #expect(abs(result.point[0] - 1.875) < 1e-3 && abs(result.point[1] - 0.5) < 1e-9)
        #expect(search.minimise(from: [0, 0], cost: cost).point == result.point)
    }

    @Test("correlated hand noise follows the style's correlation matrix; a bad matrix is refused")
    func correlatedNoise() throws {
        var style = try BuiltInStyles.style(named: "neutral")
        var matrix = (0..<8).map { i in (0..<8).map { j in i == j ? 1.0 : 0 } }
        matrix[1][4] = -0.6
        matrix[4][1] = -0.6
        style.hand = Style.Hand(noise: [.contrast: 10, .whites: 10], favourites: [], correlation: matrix)
        try style.validate()
        var rng = SplitMix64(seed: 2)
        let base = DevelopAdjustments()
        let samples = (0..<3_000).map { _ in style.humanised(base, using: &rng) }
        let contrast = samples.map(\.contrast), whites = samples.map(\.whites)
        let meanC = contrast.reduce(0, +) / 3_000, meanW = whites.reduce(0, +) / 3_000
        let covariance = zip(contrast, whites).map { ($0 - meanC) * ($1 - meanW) }.reduce(0, +) / 3_000
        func sd(_ values: [Double], _ mean: Double) -> Double {
            (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3_000).squareRoot()
        }
        let correlation = covariance / (sd(contrast, meanC) * sd(whites, meanW))
        #expect(abs(correlation + 0.6) < 0.05, "correlation \(correlation)")
        matrix[1][4] = 0.99
        matrix[4][1] = 0.99
        matrix[1][5] = 0.99
        matrix[5][1] = 0.99
        matrix[4][5] = -0.99
        matrix[5][4] = -0.99
        style.hand.correlation = matrix
        #expect(throws: StyleError.self) { try style.validate() }
    }
}

extension DevelopAdjustments {
    func with(contrast: Double) -> DevelopAdjustments {
        var copy = self
        copy.contrast = contrast
        return copy
    }
}

@Suite("Key retention: the brightness aim keeps part of the photo's own key")
struct KeyRetentionTests {
    @Test("a dark scene stays darker and a bright one brighter as key retention grows; 0 and absent are today's aim")
    func keyRetentionFollowsTheScene() throws {
        var style = try BuiltInStyles.style(named: "neutral")
        style.targets.keyRetention = nil
        let dark = TestScenes.overcast().scaled(by: 1.0 / 16), bright = TestScenes.overcast().scaled(by: 4)
        let plain = AutoAdjustSolver(style: style)
        style.targets.keyRetention = 0
        #expect(AutoAdjustSolver(style: style).solve(dark) == plain.solve(dark), "0 is the same as absent")
        style.targets.keyRetention = 0.5
        let keeping = AutoAdjustSolver(style: style)
        let renderer = DevelopRenderer()
        let darkPlain = renderer.render(dark, plain.solve(dark)).meanLuma
        let darkKept = renderer.render(dark, keeping.solve(dark)).meanLuma
        let brightPlain = renderer.render(bright, plain.solve(bright)).meanLuma
        let brightKept = renderer.render(bright, keeping.solve(bright)).meanLuma
        #expect(keeping.solve(dark).exposure < plain.solve(dark).exposure - 0.5, "the dark scene is lifted less")
        #expect(darkKept < darkPlain - 0.05, "dark: \(darkKept) kept, \(darkPlain) at middle grey")
        #expect(brightKept > brightPlain, "bright: \(brightKept) kept, \(brightPlain) at middle grey")
    }

    @Test("Scripts/styles/neutral-revised.json, the pretraining run's style, is the built-in neutral but for its name")
    func pretrainingStyleIsNeutral() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scripts/styles/neutral-revised.json")
        let neutral = try BuiltInStyles.style(named: "neutral")
        var revised = try Style(contentsOf: file)
        #expect(revised.name == "neutral-revised")
        revised.name = neutral.name
        revised.description = neutral.description
        #expect(revised == neutral)
    }

    @Test("styles written without keyRetention read and write as before; neutral keeps the key")
    func optionalInJSON() throws {
        let event = try BuiltInStyles.style(named: "event")
        #expect(event.targets.keyRetention == nil)
        #expect(!String(decoding: event.jsonData(), as: UTF8.self).contains("keyRetention"))
        #expect(try BuiltInStyles.style(named: "neutral").targets.keyRetention == 0.5)
        var revised = event
        revised.targets.keyRetention = 1.5
        #expect(throws: StyleError.self) { try revised.validate() }
    }
}
