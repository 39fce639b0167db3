import Foundation

extension ModelEvaluation {
    /// The terminal table: MSE and ratio per baseline, then MAE and share within tolerance per setting.
    public var table: String {
        let comparison = self.comparison
        func f(_ value: Double?, _ format: String) -> String { value.map { String(format: format, $0) } ?? "–" }
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
        }
        // The image-space columns only when they were measured.
        let hasDeltaE = comparison.model.meanDeltaE != nil
        var lines = ["\(trainingCount) training photos, \(photos.count) validation photos",
                     "", "                        MSE   model ÷ this" + (hasDeltaE ? "   ΔE image   model ÷ this" : ""),
                     "model               " + pad(f(comparison.model.meanSquaredError, "%.4f"), 6)
                     + (hasDeltaE ? pad("", 15) + pad(f(comparison.model.meanDeltaE, "%.2f"), 11) : "")]
        for baseline in comparison.baselines {
            lines.append(baseline.name.padding(toLength: 20, withPad: " ", startingAt: 0)
                         + pad(f(baseline.metrics.meanSquaredError, "%.4f"), 6)
                         + pad(f(baseline.modelRatio.meanSquaredError, "%.2f"), 15)
                         + (hasDeltaE ? pad(f(baseline.metrics.meanDeltaE, "%.2f"), 11)
                            + pad(f(baseline.modelRatio.meanDeltaE, "%.2f"), 15) : ""))
        }
        if hasDeltaE {
            lines.append("ΔE image: mean CIELAB ΔE76 between the photo rendered with these settings and with the "
                         + "photographer's (AutoTone's renderer; about 1 is just noticeable)")
        }
        lines += ["", "mean absolute error per setting (EV for exposure, points otherwise); share within tolerance",
                  "setting       " + (["model"] + comparison.baselines.map(\.name)).map { pad(String($0.prefix(9)), 10) }.joined()
                  + pad("within", 10) + pad("mean", 8)]
        for (index, setting) in space.settings.enumerated() {
            let format = setting.unit == "EV" ? "%.2f" : "%.1f"
            let values = [comparison.model.settings[index].meanAbsoluteError]
                + comparison.baselines.map { $0.metrics.settings[index].meanAbsoluteError }
            lines.append(setting.name.padding(toLength: 14, withPad: " ", startingAt: 0)
                         + values.map { pad(f($0, format), 10) }.joined()
                         + pad(f(comparison.model.settings[index].withinTolerance.map { $0 * 100 }, "%.0f%%"), 10)
                         + pad(f(comparison.baselines.first?.metrics.settings[index].withinTolerance.map { $0 * 100 }, "%.0f%%"), 8))
        }
        return lines.joined(separator: "\n")
    }
}
