import SeededRandom
import Foundation

/// Why label smoothing options were refused.
public enum LabelSmoothingError: Error, Equatable, Sendable {
    /// A centred moving average needs an odd window of at least 1.
    case invalidWindow(Int)
    /// The Gaussian filter needs a positive, finite sigma.
    case invalidSigma(Double)
    /// Label noise needs a finite standard deviation of at least 0.
    case invalidNoise(Double)
}

/// Labels of the training photos only, after smoothing: what the trainer learns from.
///
/// Made only by `LabelSmoothing.trainingLabels(…)` from a split, so a validation photo has no
/// entry here and its label cannot be smoothed by mistake.
public struct TrainingLabels: Sendable, Equatable {
    /// The split's training indices, sorted.
    public let indices: [Int]
    /// `labels[i]` is the label of photo `indices[i]`.
    public let labels: [ScaledLabel]

    /// The smoothed label of photo `index`, nil for a photo that is not in training.
    public subscript(photo index: Int) -> ScaledLabel? {
        guard let position = indices.firstIndex(of: index) else { return nil }
        return labels[position]
    }
}

/// Label smoothing for training: the seed project's two filters over labels in capture-time
/// order, then its write-up's Gaussian noise on each label.
///
/// - The filters run per setting over the training photos that have a capture time and that
///   setting, sorted by (capture time, index); photos without a time are not in any sequence
///   and keep their labels. Validation photos are never in the sequence either: a training
///   photo's neighbours are training photos only.
/// - `movingAverage(window: w)` (w odd) replaces each value by the mean of the w values centred
///   on it; at the ends the window is cut to the values that exist (the first value is the mean
///   of itself and the (w − 1)/2 after it), as pandas' `rolling(w, center=True, min_periods=1)`.
/// - `gaussian(sigma: σ)` is `scipy.ndimage.gaussian_filter1d(values, σ)` with its defaults
///   (truncate 4.0, mode "reflect"): see `GaussianKernel`.
/// - Noise adds N(0, `noise`²) in scaled units to every present value of every training label,
///   fresh on each call, and clamps the result to the setting's range.
public struct LabelSmoothing: Sendable, Hashable {
    public enum Filter: Codable, Sendable, Hashable {
        case none
        case movingAverage(window: Int)
        case gaussian(sigma: Double)
    }

    public let filter: Filter
    /// Standard deviation of the label noise in scaled units; 0 for none.
    public let noise: Double

    public init(filter: Filter = .none, noise: Double = 0) throws {
        switch filter {
        case .none: break
        case .movingAverage(let window):
            guard window >= 1 && window % 2 == 1 else { throw LabelSmoothingError.invalidWindow(window) }
        case .gaussian(let sigma):
            guard sigma > 0 && sigma.isFinite else { throw LabelSmoothingError.invalidSigma(sigma) }
        }
        guard noise >= 0 && noise.isFinite else { throw LabelSmoothingError.invalidNoise(noise) }
        self.init(validated: filter, noise: noise)
    }

    private init(validated filter: Filter, noise: Double) {
        self.filter = filter
        self.noise = noise
    }

    /// No smoothing and no noise.
    public static let identity = LabelSmoothing(validated: .none, noise: 0)

    /// The centred moving average of `values` with a window cut at the ends (see the type's
    /// documentation). O(n).
    public static func movingAverage(_ values: [Double], window: Int) -> [Double] {
        precondition(window >= 1 && window % 2 == 1, "a centred moving average needs an odd window")
        let half = window / 2
        var prefix = [0.0]
        for value in values { prefix.append(prefix[prefix.count - 1] + value) }
        return values.indices.map { index in
            let low = max(0, index - half), high = min(values.count - 1, index + half)
            return (prefix[high + 1] - prefix[low]) / Double(high - low + 1)
        }
    }

    /// `values` through this smoothing's filter (no noise). O(n · window) at most.
    public func filtered(_ values: [Double]) -> [Double] {
        switch filter {
        case .none: values
        case .movingAverage(let window): Self.movingAverage(values, window: window)
        case .gaussian(let sigma): GaussianKernel(sigma: sigma).filter(values)
        }
    }

    /// The training photos' labels, filtered in capture-time order and with noise added; the
    /// validation photos get nothing. `labels` and `captureTimes` describe all photos the split
    /// was made from. O(settings × n log n).
    public func trainingLabels(of split: CaptureTimeSplit, labels: [ScaledLabel], captureTimes: [Date?],
                               space: LabelSpace, using generator: inout some RandomNumberGenerator) -> TrainingLabels {
        precondition(labels.count == captureTimes.count, "one capture time per label")
        precondition(labels.allSatisfy { $0.count == space.count }, "labels must match the label space")
        var smoothed = split.training.map { labels[$0] }
        // Positions (in `split.training`) of timed photos, in capture order.
        let timeline = split.training.indices
            .filter { captureTimes[split.training[$0]] != nil }
            .sorted { (captureTimes[split.training[$0]]!, split.training[$0]) < (captureTimes[split.training[$1]]!, split.training[$1]) }
        if filter != .none {
            for setting in 0..<space.count {
                let positions = timeline.filter { smoothed[$0].isPresent[setting] }
                let values = filtered(positions.map { Double(smoothed[$0].values[setting]) })
                for (position, value) in zip(positions, values) { smoothed[position].values[setting] = Float(value) }
            }
        }
        if noise > 0 {
            for position in smoothed.indices {
                for (setting, entry) in space.settings.enumerated() where smoothed[position].isPresent[setting] {
                    let noisy = Double(smoothed[position].values[setting]) + generator.nextGaussian(standardDeviation: noise)
                    let range = entry.scaledRange
                    smoothed[position].values[setting] = min(max(Float(noisy), range.lowerBound), range.upperBound)
                }
            }
        }
        return TrainingLabels(indices: split.training, labels: smoothed)
    }
}
