/// The end-of-run account of `predict`: counts by outcome, with the reasons for the exceptions.
public struct PredictSummary: Sendable, Codable, Equatable {
    public var total = 0
    public var created = 0
    public var merged = 0
    public var wouldWrite = 0
    public var skipped: [PhotoResult] = []
    public var failed: [PhotoResult] = []
    /// The written photos with the lowest confidence, lowest first (at most five).
    public var leastConfident: [PhotoResult] = []
    /// Every distinct warning of the run (darktable sidecars, DNG and JPEG sidecars Lightroom
    /// will not read), in the order first met.
    public var warnings: [String] = []
    /// Photos not reached because the run was interrupted.
    public var notReached = 0
    public var seconds = 0.0
    /// Where the decoding threads and the model spent the run (`predict --timeline` prints it).
    public var pipeline: PipelineTimeline?

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
        for warning in result.warnings where !warnings.contains(warning) { warnings.append(warning) }
        if result.confidence != nil, result.settings != nil, !result.isFailure {
            leastConfident.append(result)
            leastConfident.sort { ($0.confidence ?? 0) < ($1.confidence ?? 0) }
            if leastConfident.count > 5 { leastConfident.removeLast() }
        }
    }

    /// 0 when every photo succeeded (skips included), 1 when some failed.
    public var exitStatus: Int32 { failed.isEmpty && notReached == 0 ? 0 : 1 }

    /// The lines printed at the end of a run, for standard output: the counts and the skips.
    public var lines: [String] {
        var lines = [String(format: "%d photos in %.1f s: %d created, %d merged, %d skipped, %d failed",
                            total + notReached, seconds, created, merged, skipped.count, failed.count)]
        if wouldWrite > 0 { lines.append("dry run: \(wouldWrite) sidecars would have been written; nothing was") }
        if notReached > 0 { lines.append("interrupted: \(notReached) photos not reached; their sidecars are untouched") }
        // Skips are expected on a re-run, so only the first few are listed; every failure is.
        for result in skipped.prefix(10) { lines.append("skipped " + Self.explain(result)) }
        if skipped.count > 10 { lines.append("… and \(skipped.count - 10) more skipped") }
        return lines
    }

    /// What went wrong, for standard error: every refused or failed photo, one line each.
    public var problemLines: [String] {
        failed.map { $0.outcome.rawValue + " " + Self.explain($0) }
    }

    /// "PATH: reason", without repeating the path when the reason already starts with it.
    static func explain(_ result: PhotoResult) -> String {
        let reason = result.reason ?? ""
        return reason.hasPrefix(result.path) ? reason : "\(result.path): \(reason)"
    }
}
