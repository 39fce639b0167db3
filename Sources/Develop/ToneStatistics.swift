/// The luma statistics the solver aims with, for one image under one tone curve.
///
/// Built from a luminance histogram in stops that is made once per image; since the tone curve
/// is monotonic, the output's percentiles are the curve applied to the input's percentiles, so
/// each evaluation costs O(bins), not O(pixels).
struct ToneStatistics {
    var mean: Double = 0
    var standardDeviation: Double = 0
    var whiteClipFraction: Double = 0
    var blackClipFraction: Double = 0
    /// Luma at the 2nd, 10th, 90th and 98th percentiles.
    var p2: Double = 0
    var p10: Double = 0
    var p90: Double = 0
    var p98: Double = 0
}

/// A histogram of scene luminance in stops, with the few input percentiles the solver needs.
struct LuminanceHistogram {
    let centres: [Float]
    let weights: [Double]
    let p2: Float, p10: Float, p90: Float, p98: Float

    init(stops: [Float], bins: Int = 384) {
        precondition(!stops.isEmpty, "no pixels")
        let sorted = stops.sorted()
        func percentile(_ fraction: Double) -> Float {
            let position = fraction * Double(sorted.count - 1)
            let low = Int(position), high = min(low + 1, sorted.count - 1)
            let t = Float(position - Double(low))
            return sorted[low] + (sorted[high] - sorted[low]) * t
        }
        p2 = percentile(0.02)
        p10 = percentile(0.10)
        p90 = percentile(0.90)
        p98 = percentile(0.98)
        let low = sorted[0], high = max(sorted[sorted.count - 1], sorted[0] + 1e-3)
        let width = (high - low) / Float(bins)
        var counts = [Double](repeating: 0, count: bins)
        for value in stops {
            counts[min(Int((value - low) / width), bins - 1)] += 1
        }
        var keptCentres: [Float] = [], keptWeights: [Double] = []
        for bin in 0..<bins where counts[bin] > 0 {
            keptCentres.append(low + (Float(bin) + 0.5) * width)
            keptWeights.append(counts[bin] / Double(stops.count))
        }
        centres = keptCentres
        weights = keptWeights
    }

    /// The statistics of the rendered luma under `curve`.
    func statistics(under curve: ToneCurve) -> ToneStatistics {
        var stats = ToneStatistics()
        var sum = 0.0, sumSquares = 0.0
        for (centre, weight) in zip(centres, weights) {
            let unclipped = Double(curve.encodedUnclipped(stops: centre))
            let level = min(max(unclipped, 0), 1)
            sum += weight * level
            sumSquares += weight * level * level
            // Soft clip counts: ramps over the last 3 % of the range, so the cost stays smooth.
            stats.whiteClipFraction += weight * min(max((unclipped - 0.97) / 0.03, 0), 1)
            stats.blackClipFraction += weight * min(max((0.03 - unclipped) / 0.03, 0), 1)
        }
        stats.mean = sum
        stats.standardDeviation = max(sumSquares - sum * sum, 0).squareRoot()
        func level(_ stops: Float) -> Double { min(max(Double(curve.encodedUnclipped(stops: stops)), 0), 1) }
        stats.p2 = level(p2)
        stats.p10 = level(p10)
        stats.p90 = level(p90)
        stats.p98 = level(p98)
        return stats
    }
}
