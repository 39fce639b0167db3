import Foundation

/// `autotone suggest`'s answer as a library: the photos to edit first, in order, each with a
/// reason a photographer understands.
public struct SuggestedEdits: Sendable {
    public struct Photo: Sendable, Encodable {
        public var rank: Int
        public var path: String
        public var reason: String
        /// The burst's other frames (file names), which need no edit of their own.
        public var burstFrames: [String]
        /// Photos of the shoot more like this one than like any other suggested or edited photo.
        public var standsFor: Int
        /// Share of the learner's predictive variance over the shoot this edit removes.
        public var gain: Double
    }

    public var photos: [Photo]
    /// Photos surveyed, and how many were already edited (and taken into account).
    public var surveyed: Int
    public var alreadyEdited: Int

    /// Chooses `count` photos of `survey` with `model`'s features; `ignoreEdits` plans as if
    /// nothing were edited yet.
    public static func plan(_ survey: ShootSurvey, model: StyleModel, count: Int, ignoreEdits: Bool = false,
                            suggestion: EditSuggestion = EditSuggestion(),
                            traitWeight: Double = SuggestedEdits.defaultTraitWeight) throws -> SuggestedEdits {
        let traits = SceneTraits(images: survey.images)
        let features = features(embeddings: try model.embeddings(of: survey.images), traits: traits, traitWeight: traitWeight)
        let edited = ignoreEdits ? [] : Set(survey.isEdited.indices.filter { survey.isEdited[$0] })
        let picks = suggestion.choose(embeddings: features, captureTimes: survey.captureTimes, edited: edited, count: count)
        var chosen = edited.sorted()
        var photos: [Photo] = []
        for (rank, pick) in picks.enumerated() {
            var reason = chosen.isEmpty
                ? (traits.mostMarked(pick.index) ?? "close to the shoot's average light")
                : (traits.difference(of: pick.index, from: chosen) ?? "a different look from those chosen so far")
            reason += "; stands for \(pick.standsFor) photo\(pick.standsFor == 1 ? "" : "s")"
            let names = pick.burst.map { survey.photos[$0].lastPathComponent }
            if names.count > 1 {
                reason += "; one of \(names.count) near-identical frames (\(names.first!) … \(names.last!)): edit this one"
            }
            photos.append(Photo(rank: rank + 1, path: survey.photos[pick.index].path, reason: reason,
                                burstFrames: names.filter { $0 != survey.photos[pick.index].lastPathComponent },
                                standsFor: pick.standsFor, gain: pick.gain))
            chosen.append(pick.index)
        }
        return SuggestedEdits(photos: photos, surveyed: survey.photos.count, alreadyEdited: edited.count)
    }

    /// How much the scene traits (light, contrast, colour) weigh beside the network's features,
    /// each side scaled to unit mean squared norm first. Chosen on the choosing shoots.
    public static let defaultTraitWeight = 0.0

    /// The space photos are chosen in: the embeddings, with the traits appended at `traitWeight`.
    static func features(embeddings: [[Float]], traits: SceneTraits, traitWeight: Double) -> [[Float]] {
        guard traitWeight > 0 else { return embeddings }
        func meanSquaredNorm(_ rows: [[Double]]) -> Double {
            let d = rows.first?.count ?? 0
            let mean = (0..<d).map { j in rows.reduce(0.0) { $0 + $1[j] } / Double(max(rows.count, 1)) }
            return max(rows.reduce(0.0) { sum, row in sum + zip(row, mean).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }
                       / Double(max(rows.count, 1)), 1e-12)
        }
        let e = embeddings.map { $0.map(Double.init) }
        let embeddingScale = 1 / meanSquaredNorm(e).squareRoot()
        let traitScale = traitWeight / meanSquaredNorm(traits.scores).squareRoot()
        return zip(e, traits.scores).map { embedding, trait in
            embedding.map { Float($0 * embeddingScale) } + trait.map { Float($0 * traitScale) }
        }
    }
}
