import ImageIO
import Tensor

/// A model's outputs for photos seen twice: as given and mirrored left to right.
///
/// A photo's correct settings do not change under a mirror, so the mean of the two views is a
/// steadier answer than either. It is what `predict` writes and so what `evaluate` (and every
/// figure measured through it) scores; how far the views disagree is `predict`'s confidence for
/// models that have no better one.
public struct MirroredViews: Sendable {
    /// Outputs in (-1, 1) for each photo as given.
    public var direct: [[Float]]
    /// Outputs for each photo mirrored left to right.
    public var mirrored: [[Float]]
    /// Class-token embeddings of the photos as given; empty unless asked for.
    public var embeddings: [[Float]]

    /// Per photo, the mean of both views' outputs.
    public var mean: [[Float]] {
        zip(direct, mirrored).map { zip($0, $1).map { ($0 + $1) / 2 } }
    }

    /// Per photo, the mean absolute difference between the views over the outputs.
    public var spread: [Double] {
        zip(direct, mirrored).map { direct, mirrored -> Double in
            let total = zip(direct, mirrored).reduce(0.0) { sum, pair in sum + Double(abs(pair.0 - pair.1)) }
            return total / Double(max(1, direct.count))
        }
    }
}

extension StyleModel {
    /// Both views of every photo of an N×3×S×S `batch`, in one run of the network over 2N images;
    /// with `embeddings`, also the direct views' class-token embeddings (at no extra cost).
    public func predictBothViews(_ batch: Tensor, embeddings: Bool = false) throws -> MirroredViews {
        let count = batch.shape.first ?? 0
        let views = Tensor(shape: [2 * count] + batch.shape.dropFirst(), data: batch.data + Self.mirroredLeftToRight(batch).data)
        if embeddings {
            let (outputs, embedded) = try network.predictAndEmbed(batch: views)
            return MirroredViews(direct: Array(outputs[..<count]), mirrored: Array(outputs[count...]),
                                 embeddings: Array(embedded[..<count]))
        }
        let outputs = try network.predict(batch: views)
        return MirroredViews(direct: Array(outputs[..<count]), mirrored: Array(outputs[count...]), embeddings: [])
    }

    /// Both views of every preprocessed photo, as the batch form above.
    public func predictBothViews(_ tensors: [ImageTensor], embeddings: Bool = false) throws -> MirroredViews {
        try predictBothViews(batch(tensors), embeddings: embeddings)
    }

    /// Every image of an N×C×H×W tensor mirrored left to right.
    static func mirroredLeftToRight(_ batch: Tensor) -> Tensor {
        precondition(batch.shape.count == 4, "an N×C×H×W batch")
        var result = batch
        let width = batch.shape[3], rows = batch.count / max(1, width)
        result.data.withUnsafeMutableBufferPointer { values in
            for row in 0..<rows {
                var left = row * width, right = left + width - 1
                while left < right {
                    values.swapAt(left, right)
                    left += 1
                    right -= 1
                }
            }
        }
        return result
    }
}
