import Foundation

/// How unsure a closed-form head is about a photo: the predictive standard deviation of a
/// ridge regression on the edits' embeddings, σₛ·√(1 + ℓ(x)), where σₛ² is the setting's
/// cross-validated error and ℓ(x) = x̃ᵀ(XᵀX + λI)⁻¹x̃ the photo's leverage (x̃ the embedding less
/// the edits' mean). A photo like the edited ones has a small leverage; one unlike any of them
/// (backlit when every edit was shot in shade) a large one.
///
/// Stored with the model (provenance key `uncertainty`): the edits' centred embeddings, their
/// mean, λ and σₛ². O(n·D + n²) per photo after an O(n²·D + n³) set-up.
public struct PredictiveUncertainty: Codable, Sendable, Equatable {
    public var mean: [Float]
    /// The edits' embeddings less `mean`, one row per edit.
    public var centred: [[Float]]
    public var lambda: Double
    /// Per setting, the cross-validated mean squared error (scaled units).
    public var residualVariance: [Double]

    /// λ relative to the edits' mean squared centred norm: on the shoots the method was chosen
    /// on, 0.1 ranked photos by error best (Spearman −0.17, against −0.11 at 1 and −0.05 at 10).
    public static let lambdaScale = 0.1

    /// The spread (mean predictive standard deviation, scaled units) at which confidence is 1/e.
    public static let spreadScale = 0.1

    /// From the edits' embeddings, with λ = `lambdaScale` × their mean squared centred norm.
    public init(features: [[Float]], lambdaScale: Double, residualVariance: [Double]) {
        let d = features.first?.count ?? 0
        var mean = [Double](repeating: 0, count: d)
        for row in features { for j in 0..<d { mean[j] += Double(row[j]) } }
        let n = Double(max(features.count, 1))
        mean = mean.map { $0 / n }
        centred = features.map { row in (0..<d).map { Float(Double(row[$0]) - mean[$0]) } }
        self.mean = mean.map(Float.init)
        lambda = lambdaScale * SettingProblem.meanCentredNorm(features.map { $0.map(Double.init) })
        self.residualVariance = residualVariance
    }

    /// Ready to score photos: the factorised system solved once.
    public func scorer() -> Scorer { Scorer(self) }

    public struct Scorer: Sendable {
        let uncertainty: PredictiveUncertainty
        let rows: [[Double]]
        /// (K + λI)⁻¹, K the edits' Gram matrix.
        let inverse: [[Double]]

        init(_ uncertainty: PredictiveUncertainty) {
            self.uncertainty = uncertainty
            let rows = uncertainty.centred.map { $0.map(Double.init) }
            self.rows = rows
            let n = rows.count
            var gram = (0..<n).map { i in (0..<n).map { j in RidgeRegression.dot(rows[i], rows[j]) } }
            for i in 0..<n { gram[i][i] += uncertainty.lambda }
            inverse = (0..<n).map { column in
                SymmetricSolve.solve(gram, (0..<n).map { $0 == column ? 1 : 0 })
            }
        }

        /// The leverage of a photo with `embedding`.
        public func leverage(_ embedding: [Float]) -> Double {
            let x = zip(embedding, uncertainty.mean).map { Double($0) - Double($1) }
            let k = rows.map { RidgeRegression.dot($0, x) }
            var quadratic = 0.0
            for i in k.indices { quadratic += k[i] * RidgeRegression.dot(inverse[i], k) }
            return max(0, (RidgeRegression.dot(x, x) - quadratic) / uncertainty.lambda)
        }

        /// Predictive standard deviation per setting, scaled units.
        public func standardDeviations(_ embedding: [Float]) -> [Double] {
            let spread = 1 + leverage(embedding)
            return uncertainty.residualVariance.map { ($0 * spread).squareRoot() }
        }

        /// exp(−mean predictive standard deviation / ``spreadScale``): near 1 for a photo like
        /// the edits on settings the photographer is consistent about, lower the less so.
        public func confidence(_ embedding: [Float]) -> Double {
            let deviations = standardDeviations(embedding)
            let mean = deviations.reduce(0, +) / Double(max(1, deviations.count))
            return exp(-mean / PredictiveUncertainty.spreadScale)
        }
    }
}

extension StyleModel {
    /// The closed-form learner's uncertainty stored with the model, if it was learnt that way.
    public var uncertainty: PredictiveUncertainty? {
        network.provenance[LearnedHead.uncertaintyKey].flatMap {
            try? JSONDecoder().decode(PredictiveUncertainty.self, from: Data($0.utf8))
        }
    }
}
