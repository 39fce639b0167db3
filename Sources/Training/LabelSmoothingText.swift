/// The text form of a smoothing (`--smoothing`, and the record in fine-tuned weights):
/// `none`, `moving-average:N` (N odd) or `gaussian:S` (S > 0).
extension LabelSmoothing.Filter: LosslessStringConvertible {
    /// Reads the text form; nil for anything else, a window that is not odd and positive, or a
    /// sigma that is not positive.
    public init?(_ text: String) {
        let lowered = text.lowercased()
        let filter: Self
        if lowered == "none" {
            filter = .none
        } else if lowered.hasPrefix("moving-average:"), let window = Int(lowered.dropFirst("moving-average:".count)) {
            filter = .movingAverage(window: window)
        } else if lowered.hasPrefix("gaussian:"), let sigma = Double(lowered.dropFirst("gaussian:".count)) {
            filter = .gaussian(sigma: sigma)
        } else {
            return nil
        }
        guard (try? LabelSmoothing(filter: filter)) != nil else { return nil }
        self = filter
    }

    public var description: String {
        switch self {
        case .none: "none"
        case .movingAverage(let window): "moving-average:\(window)"
        case .gaussian(let sigma): "gaussian:\(sigma)"
        }
    }
}

extension LabelSmoothing {
    /// Parses the text form of the filter (as recorded in fine-tuned weights), with `noise` in
    /// scaled units.
    public init(parsing text: String, noise: Double) throws {
        guard let filter = Filter(text) else {
            throw TrainingError.badOption("smoothing must be none, moving-average:N (N odd) or gaussian:S (S > 0), not \(text)")
        }
        do {
            self = try LabelSmoothing(filter: filter, noise: noise)
        } catch {
            throw TrainingError.badOption("bad smoothing \(text) with label noise \(noise): \(error)")
        }
    }
}

extension LabelSmoothing: CustomStringConvertible {
    /// The filter's text form, as `init(parsing:noise:)` reads it.
    public var description: String { filter.description }
}
