/// Ridge regression with an unpenalised intercept, shrinking toward prior weights:
/// minimises Σᵢ (yᵢ − w·xᵢ − b)² + λ‖w − prior‖².
///
/// With λ → ∞ it keeps the prior and fits only the intercept (the prior's answer plus the mean
/// offset); with prior 0, that is the mean of the targets. Solved in the dual (an n×n system)
/// when there are fewer photos than features, as with 20 edits and a 192-wide embedding, else
/// in the primal (D×D). Double precision throughout.
public struct RidgeRegression: Sendable, Equatable, Codable {
    public var weights: [Double]
    public var intercept: Double

    public init(weights: [Double], intercept: Double) {
        self.weights = weights
        self.intercept = intercept
    }

    /// The fit of `targets` on `features` (n rows of D values) with penalty `lambda` (≥ 0, or
    /// `.infinity` for the prior alone). O(n²·D + n³) or O(n·D² + D³), whichever is smaller.
    public static func fit(features: [[Double]], targets: [Double], lambda: Double, prior: [Double]? = nil) -> RidgeRegression {
        precondition(!features.isEmpty && features.count == targets.count, "one target per feature row")
        let n = features.count, d = features[0].count
        let prior = prior ?? [Double](repeating: 0, count: d)
        precondition(prior.count == d && features.allSatisfy { $0.count == d }, "features and prior must share a width")
        var mean = [Double](repeating: 0, count: d)
        for row in features { for j in 0..<d { mean[j] += row[j] } }
        for j in 0..<d { mean[j] /= Double(n) }
        let residuals = zip(features, targets).map { row, target in target - dot(prior, row) }
        let residualMean = residuals.reduce(0, +) / Double(n)
        guard lambda.isFinite, d > 0 else { return RidgeRegression(weights: prior, intercept: residualMean) }
        let centred = features.map { row in (0..<d).map { row[$0] - mean[$0] } }
        let centredResiduals = residuals.map { $0 - residualMean }
        var change = [Double](repeating: 0, count: d)
        if n <= d {
            // Δw = Xcᵀ (Xc Xcᵀ + λI)⁻¹ r
            var gram = (0..<n).map { i in (0..<n).map { j in dot(centred[i], centred[j]) } }
            for i in 0..<n { gram[i][i] += lambda }
            let alpha = SymmetricSolve.solve(gram, centredResiduals)
            for i in 0..<n { for j in 0..<d { change[j] += alpha[i] * centred[i][j] } }
        } else {
            // Δw = (Xcᵀ Xc + λI)⁻¹ Xcᵀ r
            var gram = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
            var right = [Double](repeating: 0, count: d)
            for (row, residual) in zip(centred, centredResiduals) {
                for a in 0..<d {
                    right[a] += row[a] * residual
                    for b in a..<d { gram[a][b] += row[a] * row[b] }
                }
            }
            for a in 0..<d {
                gram[a][a] += lambda
                for b in 0..<a { gram[a][b] = gram[b][a] }
            }
            change = SymmetricSolve.solve(gram, right)
        }
        let weights = zip(prior, change).map { $0 + $1 }
        return RidgeRegression(weights: weights, intercept: residualMean - dot(change, mean))
    }

    /// w·x + b.
    public func predict(_ features: [Double]) -> Double {
        Self.dot(weights, features) + intercept
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for index in a.indices { sum += a[index] * b[index] }
        return sum
    }
}

/// Solves A x = b for a symmetric positive definite A by Cholesky factorisation (A = L Lᵀ).
/// A tiny ridge is added to the diagonal when rounding makes A look singular.
enum SymmetricSolve {
    static func solve(_ matrix: [[Double]], _ right: [Double]) -> [Double] {
        let n = right.count
        var jitter = 0.0
        let scale = max((0..<n).map { matrix[$0][$0] }.max() ?? 1, 1e-300)
        while true {
            if let factor = cholesky(matrix, jitter: jitter) {
                // Forward then backward substitution.
                var y = right
                for i in 0..<n {
                    for k in 0..<i { y[i] -= factor[i][k] * y[k] }
                    y[i] /= factor[i][i]
                }
                for i in stride(from: n - 1, through: 0, by: -1) {
                    for k in (i + 1)..<n { y[i] -= factor[k][i] * y[k] }
                    y[i] /= factor[i][i]
                }
                return y
            }
            jitter = jitter == 0 ? scale * 1e-12 : jitter * 100
        }
    }

    static func cholesky(_ matrix: [[Double]], jitter: Double) -> [[Double]]? {
        let n = matrix.count
        var factor = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0...i {
                var sum = matrix[i][j] + (i == j ? jitter : 0)
                for k in 0..<j { sum -= factor[i][k] * factor[j][k] }
                if i == j {
                    guard sum > 0 else { return nil }
                    factor[i][i] = sum.squareRoot()
                } else {
                    factor[i][j] = sum / factor[j][j]
                }
            }
        }
        return factor
    }
}
