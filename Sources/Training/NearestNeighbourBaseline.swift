/// Baseline (c): the settings of the most similar training photo, by Euclidean distance between
/// embeddings (any fixed-length vectors; the model's own embedding in `evaluate`).
///
/// Per setting, the neighbour is the nearest training photo that has that setting, so a
/// black-and-white neighbour does not lend its absent Vibrance. Ties go to the lower training
/// index. A setting no training photo has is predicted as 0.
public struct NearestNeighbourBaseline: Sendable, Equatable {
    public let embeddings: [[Float]]
    public let labels: [ScaledLabel]

    public init(trainingEmbeddings: [[Float]], trainingLabels: [ScaledLabel]) {
        precondition(trainingEmbeddings.count == trainingLabels.count, "one embedding per training label")
        let dimension = trainingEmbeddings.first?.count ?? 0
        precondition(trainingEmbeddings.allSatisfy { $0.count == dimension }, "embeddings must have one length")
        embeddings = trainingEmbeddings
        labels = trainingLabels
    }

    /// Training indices sorted from nearest to farthest from `embedding`. O(n · d + n log n).
    public func neighbours(of embedding: [Float]) -> [Int] {
        let distances = embeddings.map { other in
            zip(other, embedding).reduce(0.0) { sum, pair in
                let difference = Double(pair.0) - Double(pair.1)
                return sum + difference * difference
            }
        }
        return embeddings.indices.sorted { (distances[$0], $0) < (distances[$1], $1) }
    }

    /// The prediction for a photo with `embedding`.
    public func prediction(for embedding: [Float]) -> [Float] {
        precondition(embeddings.first.map { $0.count == embedding.count } ?? true, "embedding length differs")
        let order = neighbours(of: embedding)
        let settingCount = labels.first?.count ?? 0
        return (0..<settingCount).map { setting in
            order.lazy.compactMap { labels[$0][setting: setting] }.first ?? 0
        }
    }

    /// Predictions for several photos.
    public func predictions(for embeddings: [[Float]]) -> [[Float]] {
        embeddings.map(prediction(for:))
    }
}
