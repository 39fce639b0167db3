/// The text form of a smoothing (`--smoothing`, and the record in fine-tuned weights).
extension LabelSmoothing {
    /// Parses `none`, `moving-average:N` or `gaussian:S`, with `noise` in scaled units.
    public init(parsing text: String, noise: Double) throws {
        let lowered = text.lowercased()
        let filter: LabelSmoothing.Filter
        if lowered == "none" {
            filter = .none
        } else if lowered.hasPrefix("moving-average:"), let window = Int(lowered.dropFirst("moving-average:".count)) {
            filter = .movingAverage(window: window)
        } else if lowered.hasPrefix("gaussian:"), let sigma = Double(lowered.dropFirst("gaussian:".count)) {
            filter = .gaussian(sigma: sigma)
        } else {
            throw TrainingError.badOption("smoothing must be none, moving-average:N (N odd) or gaussian:S, not \(text)")
        }
        do {
            self = try LabelSmoothing(filter: filter, noise: noise)
        } catch {
            throw TrainingError.badOption("bad smoothing \(text) with label noise \(noise): \(error)")
        }
    }
}

extension LabelSmoothing: CustomStringConvertible {
    /// `none`, `moving-average:N` or `gaussian:S`, as `init(parsing:noise:)` reads it.
    public var description: String {
        switch filter {
        case .none: "none"
        case .movingAverage(let window): "moving-average:\(window)"
        case .gaussian(let sigma): "gaussian:\(sigma)"
        }
    }
}
