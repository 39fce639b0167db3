import Foundation

/// Which photos of a shoot a photographer should edit first, so the few-shot learner learns the
/// most from the fewest edits: a greedy transductive experimental design (Yu, Bi and Tresp,
/// 2006) in the learner's own feature space. Each pick is the photo whose edit would shrink the
/// ridge learner's predictive variance, summed over every photo of the shoot, the most: a photo
/// that stands for many others and is unlike those already chosen. Photos already edited count
/// as chosen; one frame per burst (bursts by capture time) is ever suggested.
///
/// Kernel form, so the cost does not grow with the embedding's size: with K = XXᵀ of the
/// centred embeddings, the residual R = K − K[:,S](λI + K[S,S])⁻¹K[S,:] after choosing S gives
/// photo z's predictive variance ∝ R[z,z]; choosing c reduces their sum by Σ_z R[z,c]²/(λ + R[c,c])
/// and updates R by a rank-one step. O(n²·D) once, O(n²) per pick.
public struct EditSuggestion: Sendable {
    /// λ relative to the photos' mean squared centred norm. Chosen on the choosing shoots (three
    /// 120-frame shoots of plasma photographs in the event, moody and punchy styles): suggested
    /// 20 ÷ random 20 was 0.90 at 0.01, 0.93 at 0.1, 1.10 at 1 and 1.18 at 10. A large λ lets one
    /// edit explain only part of its neighbourhood, so near-identical frames get picked again.
    public var lambdaScale: Double
    /// Bursts: frames within this many seconds of the previous one.
    public var burstGap: TimeInterval

    public init(lambdaScale: Double = EditSuggestion.defaultLambdaScale, burstGap: TimeInterval = 5) {
        self.lambdaScale = lambdaScale
        self.burstGap = burstGap
    }

    public static let defaultLambdaScale = 0.01

    /// One suggested photo.
    public struct Pick: Sendable, Equatable {
        /// Index into the photos.
        public var index: Int
        /// The frames of its burst (itself included), in time order.
        public var burst: [Int]
        /// The share of the shoot's predictive variance this edit removes (0…1).
        public var gain: Double
        /// How many photos of the shoot (itself included) are nearer to this pick than to any
        /// other pick or edited photo, in the features.
        public var standsFor = 0
    }

    /// Up to `count` photos to edit, best first, given the `edited` ones. `embeddings` are the
    /// learner's features of every photo, `captureTimes` their times (nil when unknown).
    public func choose(embeddings: [[Float]], captureTimes: [Date?], edited: Set<Int>, count: Int) -> [Pick] {
        let n = embeddings.count
        guard n > 0, count > 0 else { return [] }
        precondition(captureTimes.count == n, "one capture time per photo")
        var residual = Self.centredGram(embeddings)
        let gram = residual
        let meanNorm = (0..<n).reduce(0.0) { $0 + residual[$1 * n + $1] } / Double(n)
        let lambda = max(lambdaScale * meanNorm, 1e-12)
        let total = (0..<n).reduce(0.0) { $0 + residual[$1 * n + $1] }

        var burstOf = [Int](repeating: 0, count: n)
        let bursts = BurstGrouping(maximumGap: burstGap).groups(captureTimes: captureTimes)
        for (number, burst) in bursts.enumerated() { for index in burst { burstOf[index] = number } }
        var available = [Bool](repeating: true, count: n)
        func take(_ c: Int) {
            for index in bursts[burstOf[c]] { available[index] = false }
            Self.condition(&residual, n: n, on: c, lambda: lambda)
        }
        for c in edited.sorted() where c < n { take(c) }

        var picks: [Pick] = []
        while picks.count < count {
            var best: (index: Int, score: Double)?
            for c in 0..<n where available[c] {
                var sum = 0.0
                for z in 0..<n { let r = residual[z * n + c]; sum += r * r }
                let score = sum / (lambda + residual[c * n + c])
                if best == nil || score > best!.score { best = (c, score) }
            }
            guard let (c, score) = best else { break }
            picks.append(Pick(index: c, burst: bursts[burstOf[c]], gain: total > 0 ? score / total : 0))
            take(c)
        }
        // Each photo goes to the pick (or edited photo) nearest to it in the features.
        let anchors = picks.map(\.index) + edited.sorted().filter { $0 < n }
        func distance(_ a: Int, _ b: Int) -> Double { gram[a * n + a] + gram[b * n + b] - 2 * gram[a * n + b] }
        for z in 0..<n where !anchors.isEmpty {
            let nearest = anchors.min { distance(z, $0) < distance(z, $1) }!
            if let pick = picks.firstIndex(where: { $0.index == nearest }) { picks[pick].standsFor += 1 }
        }
        return picks
    }

    /// XXᵀ of the embeddings less their mean, row-major n×n, in Double.
    static func centredGram(_ embeddings: [[Float]]) -> [Double] {
        let n = embeddings.count, d = embeddings.first?.count ?? 0
        var mean = [Double](repeating: 0, count: d)
        for row in embeddings { for j in 0..<d { mean[j] += Double(row[j]) } }
        mean = mean.map { $0 / Double(n) }
        let centred = embeddings.map { row in (0..<d).map { Double(row[$0]) - mean[$0] } }
        var gram = [Double](repeating: 0, count: n * n)
        for a in 0..<n {
            for b in a..<n {
                var dot = 0.0
                for j in 0..<d { dot += centred[a][j] * centred[b][j] }
                gram[a * n + b] = dot
                gram[b * n + a] = dot
            }
        }
        return gram
    }

    /// R ← R − R[:,c]R[c,:]/(λ + R[c,c]): what is left to learn once photo c is edited.
    static func condition(_ residual: inout [Double], n: Int, on c: Int, lambda: Double) {
        let column = (0..<n).map { residual[$0 * n + c] }
        let scale = 1 / (lambda + column[c])
        for a in 0..<n where column[a] != 0 {
            let factor = column[a] * scale
            for b in 0..<n { residual[a * n + b] -= factor * column[b] }
        }
    }
}
