/// The end-of-run account of `predict`: counts by outcome, with the reasons for the exceptions.
public struct PredictSummary: Sendable, Codable, Equatable {
    public var total = 0
    public var created = 0
    public var merged = 0
    public var wouldWrite = 0
    public var skipped: [PhotoResult] = []
    public var failed: [PhotoResult] = []
    /// Photos not reached because the run was interrupted.
    public var notReached = 0
    public var seconds = 0.0

    public init() {}

    mutating func add(_ result: PhotoResult) {
        total += 1
        switch result.outcome {
        case .created: created += 1
        case .merged: merged += 1
        case .wouldCreate, .wouldMerge: wouldWrite += 1
        case .skipped: skipped.append(result)
        case .refused, .failed: failed.append(result)
        }
    }

    /// 0 when every photo succeeded (skips included), 1 when some failed.
    public var exitStatus: Int32 { failed.isEmpty && notReached == 0 ? 0 : 1 }

    /// The lines printed at the end of a run.
    public var lines: [String] {
        var lines = [String(format: "%d photos in %.1f s: %d created, %d merged, %d skipped, %d failed",
                            total + notReached, seconds, created, merged, skipped.count, failed.count)]
        if wouldWrite > 0 { lines.append("dry run: \(wouldWrite) sidecars would have been written; nothing was") }
        if notReached > 0 { lines.append("interrupted: \(notReached) photos not reached; their sidecars are untouched") }
        for result in skipped { lines.append("skipped \(result.path): \(result.reason ?? "")") }
        for result in failed { lines.append("\(result.outcome.rawValue) \(result.path): \(result.reason ?? "")") }
        return lines
    }
}
