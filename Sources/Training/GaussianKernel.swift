import Foundation

/// A sampled, normalised Gaussian and its 1-D filter, built to match SciPy's
/// `scipy.ndimage.gaussian_filter1d(input, sigma)` with its defaults: `truncate = 4.0`, so the
/// kernel radius is `Int(4 σ + 0.5)`, and `mode = "reflect"`, which extends a sequence by
/// mirroring it about its outer edges, edge value repeated (d c b a | a b c d | d c b a),
/// as many times as needed for a sequence shorter than the kernel.
///
/// Used by label smoothing (on `Double`), Gaussian blur and elastic distortion (on `Float`).
public struct GaussianKernel: Sendable, Equatable {
    public let sigma: Double
    public let radius: Int
    /// 2·radius + 1 weights summing to 1, centre at `radius`.
    public let weights: [Double]

    public init(sigma: Double, truncate: Double = 4) {
        precondition(sigma > 0 && truncate > 0, "a Gaussian kernel needs a positive sigma and truncation")
        self.sigma = sigma
        radius = Int(truncate * sigma + 0.5)
        let raw = (-radius...radius).map { offset in exp(-0.5 * Double(offset * offset) / (sigma * sigma)) }
        let total = raw.reduce(0, +)
        weights = raw.map { $0 / total }
    }

    /// The index in 0..<count that SciPy's "reflect" mode reads for position `index`.
    public static func reflect(_ index: Int, count: Int) -> Int {
        let period = 2 * count
        var folded = index % period
        if folded < 0 { folded += period }
        return folded < count ? folded : period - 1 - folded
    }

    /// `values` filtered: output[i] = Σₖ weights[k] · values[reflect(i + k − radius)]. O(n · radius).
    public func filter(_ values: [Double]) -> [Double] {
        let count = values.count
        return (0..<count).map { index in
            var sum = 0.0
            for (k, weight) in weights.enumerated() {
                sum += weight * values[Self.reflect(index + k - radius, count: count)]
            }
            return sum
        }
    }

    /// Filters, in place, `lineCount` lines of `length` Float values inside `data`: line j
    /// starts at `lineStarts(j)` and steps by `stride`. The same as `filter(_:)` in Float
    /// arithmetic. `scratch` needs `length + 2 · radius` values. O(lines · length · radius).
    func filterLines(_ data: UnsafeMutableBufferPointer<Float>, lineCount: Int, length: Int, stride: Int,
                     lineStart: (Int) -> Int, scratch: UnsafeMutableBufferPointer<Float>) {
        precondition(scratch.count >= length + 2 * radius, "scratch line too short")
        let floatWeights = weights.map(Float.init)
        floatWeights.withUnsafeBufferPointer { kernel in
            for line in 0..<lineCount {
                let start = lineStart(line)
                for padded in 0..<(length + 2 * radius) {
                    scratch[padded] = data[start + Self.reflect(padded - radius, count: length) * stride]
                }
                for index in 0..<length {
                    var sum: Float = 0
                    for k in 0..<kernel.count {
                        sum += kernel[k] * scratch[index + k]
                    }
                    data[start + index * stride] = sum
                }
            }
        }
    }

    /// Filters an interleaved image plane set (`channels` values per pixel) along x, then y.
    func filterImage(_ data: UnsafeMutableBufferPointer<Float>, width: Int, height: Int, channels: Int) {
        let scratch = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(width, height) + 2 * radius)
        defer { scratch.deallocate() }
        // Rows: line (y, c) starts at (y·width)·channels + c and steps by `channels`.
        filterLines(data, lineCount: height * channels, length: width, stride: channels,
                    lineStart: { ($0 / channels) * width * channels + $0 % channels }, scratch: scratch)
        // Columns: line (x, c) starts at x·channels + c and steps by a row.
        filterLines(data, lineCount: width * channels, length: height, stride: width * channels,
                    lineStart: { $0 }, scratch: scratch)
    }
}
