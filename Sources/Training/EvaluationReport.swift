import Foundation
import ImageIO

/// The HTML report of `autotone evaluate --report DIR`: the comparison table, SVG charts
/// (predicted against true per setting, error per setting against the baselines, the labels'
/// histograms) and JPEG thumbnails of the validation photos with the largest errors.
public struct EvaluationReport: Sendable {
    public var evaluation: ModelEvaluation
    public var modelName: String
    /// Photos with the largest errors shown as thumbnails.
    public var worstCount = 6

    public init(evaluation: ModelEvaluation, modelName: String) {
        self.evaluation = evaluation
        self.modelName = modelName
    }

    /// Writes `index.html` and `thumbnails/*.jpg` into `directory` (created when missing);
    /// `images` are the evaluation's images (shrunk, linear) and `preprocessor` the model's.
    /// Every file is checked by `OutputFile` before the first is written, so a folder holding
    /// someone else's `index.html` is refused whole (unless `force`). Returns the HTML file's URL.
    @discardableResult
    public func write(to directory: URL, images: [LinearImage], preprocessor: Preprocessor,
                      force: Bool = false) throws -> URL {
        let thumbnails = directory.appendingPathComponent("thumbnails")
        let url = directory.appendingPathComponent("index.html")
        let worstPhotos = Array(evaluation.worstFirst.prefix(worstCount))
        let files = worstPhotos.enumerated().map { rank, photo in
            String(format: "%02d-", rank + 1) + (photo.name as NSString).deletingPathExtension + ".jpg"
        }
        var info = stat()
        if stat(directory.path, &info) == 0 {
            try OutputFile(url, kind: .report).check(force: force, option: "--report")
            for file in files {
                try OutputFile(thumbnails.appendingPathComponent(file), kind: .jpeg).check(force: force, option: "--report")
            }
        }
        try OutputFolder.prepare(directory, option: "--report")
        try OutputFolder.prepare(thumbnails, option: "--report")
        var worst: [(PhotoOutcome, String)] = []
        for (photo, file) in zip(worstPhotos, files) {
            try JPEGCodec.write(preprocessor.displayImage(images[photo.index]),
                                to: thumbnails.appendingPathComponent(file), quality: 85)
            worst.append((photo, "thumbnails/" + file))
        }
        do {
            try Data(html(worst: worst).utf8).write(to: url, options: .atomic)
        } catch {
            throw FileSystemError(path: url.path, operation: "writing the report", error: error)
        }
        return url
    }

    func html(worst: [(PhotoOutcome, String)]) -> String {
        let space = evaluation.space, comparison = evaluation.comparison
        let e = SVGPlot.escaped
        func figure(_ value: Double?, _ format: String = "%.4f") -> String { value.map { String(format: format, $0) } ?? "–" }
        var body = ["<h1>AutoTone evaluation: \(e(modelName))</h1>",
                    "<p>\(evaluation.trainingCount) training photos, \(evaluation.photos.count) validation photos. "
                    + "Errors are on the validation photos; the baselines are fitted on the training photos' labels. "
                    + "A ratio below 1 means the model is better than the baseline.</p>",
                    "<h2>Overall</h2><table><tr><th></th><th>MSE (scaled)</th><th>model ÷ this</th>"
                    + "<th>ΔE image</th><th>model ÷ this</th></tr>",
                    "<tr><td>model</td><td>\(figure(comparison.model.meanSquaredError))</td><td></td>"
                    + "<td>\(figure(comparison.model.meanDeltaE, "%.2f"))</td><td></td></tr>"]
        for baseline in comparison.baselines {
            body.append("<tr><td>\(e(baseline.name))</td><td>\(figure(baseline.metrics.meanSquaredError))</td>"
                        + "<td>\(figure(baseline.modelRatio.meanSquaredError, "%.2f"))</td>"
                        + "<td>\(figure(baseline.metrics.meanDeltaE, "%.2f"))</td>"
                        + "<td>\(figure(baseline.modelRatio.meanDeltaE, "%.2f"))</td></tr>")
        }
        body.append("</table><p>ΔE image: the mean CIELAB ΔE76 between each validation photo rendered with the "
                    + "predicted settings and with the photographer's, by AutoTone's approximation of Lightroom's "
                    + "renderer (about 1 is just noticeable side by side; – when not measured).</p>")
        body.append("<h2>Per setting</h2><table><tr><th>setting</th><th>model MAE</th>"
                    + comparison.baselines.map { "<th>\(e($0.name)) MAE</th>" }.joined()
                    + "<th>model within tolerance</th><th>mean within tolerance</th></tr>")
        for (index, setting) in space.settings.enumerated() {
            let unit = setting.unit.isEmpty ? "" : " " + setting.unit
            let model = comparison.model.settings[index]
            body.append("<tr><td>\(e(setting.name))</td><td>\(figure(model.meanAbsoluteError, "%.2f"))\(unit)</td>"
                        + comparison.baselines.map { "<td>\(figure($0.metrics.settings[index].meanAbsoluteError, "%.2f"))\(unit)</td>" }.joined()
                        + "<td>\(figure(model.withinTolerance.map { $0 * 100 }, "%.0f")) % (±\(Self.trim(setting.tolerance))\(unit))</td>"
                        + "<td>\(figure(comparison.baselines.first?.metrics.settings[index].withinTolerance.map { $0 * 100 }, "%.0f")) %</td></tr>")
        }
        body.append("</table><h2>Predicted against true</h2><div class=\"grid\">")
        body += space.settings.indices.map { scatter(setting: $0) }
        body.append("</div><h2>Error per setting against the baselines</h2>")
        body.append(errorBars())
        body.append("<h2>Labels</h2><div class=\"grid\">")
        body += space.settings.indices.map { histogram(setting: $0) }
        body.append("</div><h2>Largest errors</h2><div class=\"grid\">")
        for (photo, file) in worst {
            let values = space.settings.enumerated().map { index, setting in
                "\(e(setting.name)): \(photo.truth[index].map { Self.trim(Float($0)) } ?? "–") → \(Self.trim(Float(photo.prediction[index])))"
            }.joined(separator: "<br>")
            body.append("<figure><img src=\"\(e(file))\" width=\"224\" height=\"224\" alt=\"\(e(photo.name))\">"
                        + "<figcaption><b>\(e(photo.name))</b> MSE \(String(format: "%.4f", photo.squaredError))"
                        + (photo.deltaE.map { String(format: ", ΔE %.2f", $0) } ?? "") + "<br>"
                        + "<small>true → predicted<br>\(values)</small></figcaption></figure>")
        }
        body.append("</div>")
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>AutoTone evaluation: \(e(modelName))</title>
        <style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}
        td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child{text-align:left}
        .grid{display:flex;flex-wrap:wrap;gap:8px}figure{margin:0;width:240px}</style></head><body>
        \(body.joined(separator: "\n"))
        </body></html>

        """
    }

    static func trim(_ value: Float) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }

    /// Predicted against true for one setting, slider units, with the diagonal.
    func scatter(setting index: Int) -> String {
        let setting = evaluation.space.settings[index]
        let pairs = evaluation.photos.compactMap { photo in photo.truth[index].map { ($0, photo.prediction[index]) } }
        let range = SVGPlot.range(of: pairs.flatMap { [$0.0, $0.1] })
        let pad = max((range.upperBound - range.lowerBound) * 0.1, Double(setting.tolerance))
        let span = (range.lowerBound - pad)...(range.upperBound + pad)
        var plot = SVGPlot(width: 260, height: 240, x: span, y: span, title: setting.name)
        plot.axes(x: "true " + setting.unit, y: "predicted " + setting.unit, ticks: 4)
        plot.line([(span.lowerBound, span.lowerBound), (span.upperBound, span.upperBound)], colour: "#999", dashed: true)
        plot.points(pairs, colour: SVGPlot.palette[0])
        return plot.svg
    }

    /// Per-setting MSE (scaled) of the model and each baseline, grouped bars.
    func errorBars() -> String {
        let comparison = evaluation.comparison
        let series = [("model", comparison.model)] + comparison.baselines.map { ($0.name, $0.metrics) }
        let values = series.flatMap { $0.1.settings.compactMap(\.meanSquaredError) }
        let count = evaluation.space.count
        var plot = SVGPlot(width: 900, height: 320, x: 0...Double(count), y: 0...max((values.max() ?? 1) * 1.15, 1e-6),
                           title: "MSE per setting (scaled units; lower is better)")
        plot.axes(x: "", y: "MSE", ticks: 4)
        let width = 0.8 / Double(series.count)
        for (s, entry) in series.enumerated() {
            for setting in 0..<count {
                plot.bar(x: Double(setting) + 0.1 + Double(s) * width, barWidth: width * 0.9,
                         value: entry.1.settings[setting].meanSquaredError ?? .nan, colour: SVGPlot.palette[s % SVGPlot.palette.count])
            }
        }
        for (setting, entry) in evaluation.space.settings.enumerated() {
            plot.text(entry.name, x: Double(setting) + 0.5, y: plot.yRange.upperBound * 0.97)
        }
        plot.legend(series.enumerated().map { (name: $0.element.0, colour: SVGPlot.palette[$0.offset % SVGPlot.palette.count]) })
        return plot.svg
    }

    /// Histogram of one setting's labels: training and validation stacked, slider units.
    func histogram(setting index: Int, bins: Int = 12) -> String {
        let setting = evaluation.space.settings[index]
        let training = evaluation.trainingTruths.compactMap { $0[index] }
        let validation = evaluation.photos.compactMap { $0.truth[index] }
        let range = SVGPlot.widened(SVGPlot.range(of: training + validation))
        let width = (range.upperBound - range.lowerBound) / Double(bins)
        func counts(_ values: [Double]) -> [Int] {
            var result = [Int](repeating: 0, count: bins)
            for value in values { result[min(bins - 1, max(0, Int((value - range.lowerBound) / width)))] += 1 }
            return result
        }
        let a = counts(training), b = counts(validation)
        let top = Double(zip(a, b).map { $0 + $1 }.max() ?? 1)
        var plot = SVGPlot(width: 260, height: 200, x: range, y: 0...max(top, 1), title: setting.name)
        plot.axes(x: setting.unit.isEmpty ? "value" : setting.unit, y: "photos", ticks: 4)
        for bin in 0..<bins {
            let x = range.lowerBound + Double(bin) * width
            plot.bar(x: x, barWidth: width * 0.95, value: Double(a[bin]), colour: SVGPlot.palette[0])
            plot.bar(x: x, barWidth: width * 0.95, value: Double(a[bin] + b[bin]), base: Double(a[bin]), colour: SVGPlot.palette[1])
        }
        plot.legend([(name: "training", colour: SVGPlot.palette[0]), (name: "validation", colour: SVGPlot.palette[1])])
        return plot.svg
    }
}
