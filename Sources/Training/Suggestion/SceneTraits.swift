import Foundation
import ImageIO

/// A photo's light in a few words a photographer uses: how bright, how contrasty, how much
/// clipped sky or backlight, how deep the shadows, how colourful, how warm; each as a z-score
/// against the rest of the shoot, so "darker than most" means darker than most of *this* shoot.
public struct SceneTraits: Sendable, Equatable {
    /// One trait: its words for a high and a low value.
    public struct Trait: Sendable {
        public var high: String
        public var low: String
    }

    public static let traits = [
        Trait(high: "brighter than most of the shoot", low: "darker than most of the shoot"),
        Trait(high: "high contrast", low: "flat, soft light"),
        Trait(high: "bright highlights (backlight, sky or lamps)", low: "no bright highlights"),
        Trait(high: "deep shadows", low: "open shadows"),
        Trait(high: "colourful", low: "muted colour"),
        Trait(high: "warm light", low: "cool light"),
    ]

    /// Per photo, one z-score per trait.
    public let scores: [[Double]]

    /// The traits of `images` (shrunk linear images of one shoot).
    public init(images: [LinearImage]) {
        let raw = images.map(Self.measure)
        let count = Double(max(raw.count, 1))
        let columns = Self.traits.indices
        let means = columns.map { j in raw.reduce(0.0) { $0 + $1[j] } / count }
        let spreads = columns.map { j in
            max((raw.reduce(0.0) { $0 + ($1[j] - means[j]) * ($1[j] - means[j]) } / count).squareRoot(), 1e-9)
        }
        scores = raw.map { row in columns.map { (row[$0] - means[$0]) / spreads[$0] } }
    }

    /// Mean log luminance (stops), p95 − p5 of the tone-encoded luma, the share near white, the
    /// share near black, the mean chroma, and log(R/B) of the mean colour.
    static func measure(_ image: LinearImage) -> [Double] {
        let features = ImageStatisticsFeatures.features(of: image)
        func feature(_ name: String) -> Double { Double(features[ImageStatisticsFeatures.names.firstIndex(of: name)!]) }
        var red = 0.0, blue = 0.0
        for pixel in stride(from: 0, to: image.pixels.count, by: 3) {
            red += Double(max(image.pixels[pixel], 0))
            blue += Double(max(image.pixels[pixel + 2], 0))
        }
        return [feature("stops"), feature("p95") - feature("p5"), feature("near white"), feature("near black"),
                feature("chroma"), log((red + 1e-6) / (blue + 1e-6))]
    }

    /// Photo `index`'s most marked trait against the whole shoot, or nil when none stands out.
    public func mostMarked(_ index: Int, threshold: Double = 0.75) -> String? {
        guard let trait = Self.traits.indices.max(by: { abs(scores[index][$0]) < abs(scores[index][$1]) }),
              abs(scores[index][trait]) >= threshold else { return nil }
        return scores[index][trait] >= 0 ? Self.traits[trait].high : Self.traits[trait].low
    }

    /// Why photo `index` is worth editing after `chosen`, in words: the trait in which it is
    /// furthest from every chosen photo, when it is clearly so (at least `threshold` standard
    /// deviations), else nil.
    public func difference(of index: Int, from chosen: [Int], threshold: Double = 0.75) -> String? {
        guard !chosen.isEmpty else { return nil }
        var best: (trait: Int, distance: Double)?
        for trait in Self.traits.indices {
            let distance = chosen.map { abs(scores[index][trait] - scores[$0][trait]) }.min()!
            if best == nil || distance > best!.distance { best = (trait, distance) }
        }
        guard let best, best.distance >= threshold else { return nil }
        let trait = Self.traits[best.trait]
        return (scores[index][best.trait] >= 0 ? trait.high : trait.low) + ", unlike anything chosen so far"
    }
}
