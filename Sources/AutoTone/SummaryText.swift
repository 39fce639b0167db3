import Foundation
import Predict

/// Extra summary lines for `predict`: which photos to look at first.
enum SummaryText {
    static func confidenceLines(_ summary: PredictSummary) -> [String] {
        let rated = summary.leastConfident
        guard !rated.isEmpty else { return [] }
        return ["least confident (look at these first):"]
            + rated.map { String(format: "  %.2f  %@", $0.confidence ?? 0, $0.path) }
    }
}
