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

    /// Filters an interleaved image (`channels` values per pixel) in place along x, then y, with
    /// the same weights and border as `filter(_:)`, in Float arithmetic. Each pass adds one
    /// weighted, shifted copy of a contiguous row at a time, which the compiler vectorises.
    /// O(pixels · channels · radius).
    func filterImage(_ data: UnsafeMutableBufferPointer<Float>, width: Int, height: Int, channels: Int) {
        precondition(data.count == width * height * channels, "image size does not match its data")
        let rowLength = width * channels, radius = radius
        let kernel = weights.map(Float.init)
        let padded = UnsafeMutableBufferPointer<Float>.allocate(capacity: (width + 2 * radius) * channels)
        let sum = UnsafeMutableBufferPointer<Float>.allocate(capacity: rowLength)
        let source = UnsafeMutableBufferPointer<Float>.allocate(capacity: data.count)
        defer {
            padded.deallocate()
            sum.deallocate()
            source.deallocate()
        }
        // Along x: each row, padded by reflection, summed over the kernel's shifts.
        for y in 0..<height {
            let row = y * rowLength
            for x in -radius..<(width + radius) {
                let from = row + Self.reflect(x, count: width) * channels, to = (x + radius) * channels
                for channel in 0..<channels { padded[to + channel] = data[from + channel] }
            }
            accumulate(into: sum, rowLength: rowLength, kernel: kernel) { padded.baseAddress! + $0 * channels }
            (data.baseAddress! + row).update(from: sum.baseAddress!, count: rowLength)
        }
        // Along y: each output row is the weighted sum of whole (reflected) input rows.
        _ = source.initialize(from: data)
        for y in 0..<height {
            accumulate(into: sum, rowLength: rowLength, kernel: kernel) {
                source.baseAddress! + Self.reflect(y + $0 - radius, count: height) * rowLength
            }
            (data.baseAddress! + y * rowLength).update(from: sum.baseAddress!, count: rowLength)
        }
    }

    /// sum[i] = Σₖ kernel[k] · row(k)[i] for i in 0..<rowLength: whole shifted rows at a time,
    /// through raw pointers so the inner loop has no checks and vectorises.
    @inline(__always)
    private func accumulate(into sum: UnsafeMutableBufferPointer<Float>, rowLength: Int, kernel: [Float],
                            row: (Int) -> UnsafeMutablePointer<Float>) {
        let target = sum.baseAddress!
        target.update(repeating: 0, count: rowLength)
        for (k, weight) in kernel.enumerated() {
            let values = row(k)
            for index in 0..<rowLength { target[index] += weight * values[index] }
        }
    }
}
