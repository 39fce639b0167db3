import Foundation

/// A small SVG chart written by hand: a plotting area with axes, ticks and labels, onto which
/// lines, points, bars and a legend are drawn in data coordinates. Enough for loss curves and
/// the evaluation report, without a plotting library.
public struct SVGPlot: Sendable {
    public var width: Double
    public var height: Double
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    public var title: String
    private var elements: [String] = []
    private let left = 56.0, right = 12.0, top = 26.0, bottom = 40.0

    /// Colours used in order for series.
    public static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"]

    /// A chart of `width`×`height` pixels for data in `xRange`×`yRange` (widened when empty).
    public init(width: Double = 480, height: Double = 300, x: ClosedRange<Double>, y: ClosedRange<Double>, title: String) {
        self.width = width
        self.height = height
        xRange = Self.widened(x)
        yRange = Self.widened(y)
        self.title = title
    }

    static func widened(_ range: ClosedRange<Double>) -> ClosedRange<Double> {
        guard range.lowerBound.isFinite && range.upperBound.isFinite else { return 0...1 }
        if range.upperBound > range.lowerBound { return range }
        let pad = max(abs(range.lowerBound) * 0.1, 1e-3)
        return (range.lowerBound - pad)...(range.upperBound + pad)
    }

    /// The range of `values`, or 0…1 when there are none.
    public static func range(of values: [Double]) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return 0...1 }
        return low...high
    }

    /// Pixel position of a data x value.
    public func px(_ x: Double) -> Double {
        left + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * (width - left - right)
    }

    /// Pixel position of a data y value (up is larger).
    public func py(_ y: Double) -> Double {
        height - bottom - (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * (height - top - bottom)
    }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    static func label(_ value: Double) -> String {
        let text = String(format: "%.3g", value)
        return text == "-0" ? "0" : text
    }

    /// Escapes text for SVG and HTML.
    public static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Both axes with `ticks` + 1 labelled ticks each, a frame and the axis titles.
    public mutating func axes(x xTitle: String, y yTitle: String, ticks: Int = 5) {
        let x0 = px(xRange.lowerBound), x1 = px(xRange.upperBound), y0 = py(yRange.lowerBound), y1 = py(yRange.upperBound)
        elements.append("<rect x=\"\(Self.number(x0))\" y=\"\(Self.number(y1))\" width=\"\(Self.number(x1 - x0))\" height=\"\(Self.number(y0 - y1))\" fill=\"none\" stroke=\"#444\"/>")
        for i in 0...ticks {
            let fraction = Double(i) / Double(ticks)
            let xv = xRange.lowerBound + fraction * (xRange.upperBound - xRange.lowerBound)
            let yv = yRange.lowerBound + fraction * (yRange.upperBound - yRange.lowerBound)
            let x = Self.number(px(xv)), y = Self.number(py(yv))
            elements.append("<line x1=\"\(x)\" y1=\"\(Self.number(y0))\" x2=\"\(x)\" y2=\"\(Self.number(y0 + 4))\" stroke=\"#444\"/>")
            elements.append("<text x=\"\(x)\" y=\"\(Self.number(y0 + 16))\" text-anchor=\"middle\">\(Self.label(xv))</text>")
            elements.append("<line x1=\"\(Self.number(x0 - 4))\" y1=\"\(y)\" x2=\"\(Self.number(x0))\" y2=\"\(y)\" stroke=\"#444\"/>")
            elements.append("<line x1=\"\(Self.number(x0))\" y1=\"\(y)\" x2=\"\(Self.number(x1))\" y2=\"\(y)\" stroke=\"#eee\"/>")
            elements.append("<text x=\"\(Self.number(x0 - 6))\" y=\"\(Self.number(py(yv) + 4))\" text-anchor=\"end\">\(Self.label(yv))</text>")
        }
        elements.append("<text x=\"\(Self.number((x0 + x1) / 2))\" y=\"\(Self.number(height - 6))\" text-anchor=\"middle\">\(Self.escaped(xTitle))</text>")
        elements.append("<text transform=\"translate(14 \(Self.number((y0 + y1) / 2))) rotate(-90)\" text-anchor=\"middle\">\(Self.escaped(yTitle))</text>")
    }

    /// A polyline through `points` (non-finite points are left out).
    public mutating func line(_ points: [(Double, Double)], colour: String, dashed: Bool = false) {
        let path = points.filter { $0.0.isFinite && $0.1.isFinite }
            .map { "\(Self.number(px($0.0))),\(Self.number(py($0.1)))" }.joined(separator: " ")
        guard !path.isEmpty else { return }
        elements.append("<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(dashed ? " stroke-dasharray=\"5 4\"" : "")/>")
    }

    /// A dot at each point.
    public mutating func points(_ points: [(Double, Double)], colour: String, radius: Double = 3) {
        for (x, y) in points where x.isFinite && y.isFinite {
            elements.append("<circle cx=\"\(Self.number(px(x)))\" cy=\"\(Self.number(py(y)))\" r=\"\(Self.number(radius))\" fill=\"\(colour)\" fill-opacity=\"0.75\"/>")
        }
    }

    /// A bar from y = `base` to `value` spanning `x`…`x + barWidth` in data units.
    public mutating func bar(x: Double, barWidth: Double, value: Double, base: Double = 0, colour: String) {
        guard value.isFinite else { return }
        let x0 = px(x), x1 = px(x + barWidth), yTop = py(max(value, base)), yBase = py(min(value, base))
        elements.append("<rect x=\"\(Self.number(x0))\" y=\"\(Self.number(yTop))\" width=\"\(Self.number(max(0, x1 - x0)))\" height=\"\(Self.number(max(0, yBase - yTop)))\" fill=\"\(colour)\"/>")
    }

    /// Text at a data position.
    public mutating func text(_ text: String, x: Double, y: Double, anchor: String = "middle") {
        elements.append("<text x=\"\(Self.number(px(x)))\" y=\"\(Self.number(py(y)))\" text-anchor=\"\(anchor)\">\(Self.escaped(text))</text>")
    }

    /// A legend in the top-right corner of the plotting area.
    public mutating func legend(_ entries: [(name: String, colour: String)]) {
        let x = width - right - 150
        for (index, entry) in entries.enumerated() {
            let y = top + 14 + Double(index) * 16
            elements.append("<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y - 9))\" width=\"12\" height=\"10\" fill=\"\(entry.colour)\"/>")
            elements.append("<text x=\"\(Self.number(x + 18))\" y=\"\(Self.number(y))\">\(Self.escaped(entry.name))</text>")
        }
    }

    /// The finished SVG document.
    public var svg: String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Self.number(width))" height="\(Self.number(height))" viewBox="0 0 \(Self.number(width)) \(Self.number(height))" font-family="sans-serif" font-size="11">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(Self.number(width / 2))" y="16" text-anchor="middle" font-size="13" font-weight="bold">\(Self.escaped(title))</text>
        \(elements.joined(separator: "\n"))
        </svg>

        """
    }
}

extension TrainingState {
    /// The loss curve's title, also how `OutputFile` knows the file as AutoTone's.
    static let lossCurveTitle = "Loss per epoch (masked MSE, scaled settings)"

    /// The loss curves: training and validation loss per epoch, with the best epoch marked.
    public var lossCurveSVG: String {
        let training = history.map { (Double($0.epoch), $0.trainingLoss) }
        let validation = history.compactMap { record in record.validationLoss.map { (Double(record.epoch), $0) } }
        let losses = training.map(\.1) + validation.map(\.1)
        let top = (losses.filter(\.isFinite).max() ?? 1) * 1.05
        var plot = SVGPlot(x: 1...Double(max(2, history.count)), y: 0...max(top, 1e-6),
                           title: TrainingState.lossCurveTitle)
        plot.axes(x: "epoch", y: "loss")
        plot.line(training, colour: SVGPlot.palette[0])
        plot.points(training, colour: SVGPlot.palette[0])
        plot.line(validation, colour: SVGPlot.palette[1])
        plot.points(validation, colour: SVGPlot.palette[1])
        var legend = [(name: "training", colour: SVGPlot.palette[0])]
        if !validation.isEmpty { legend.append((name: "validation", colour: SVGPlot.palette[1])) }
        if let bestEpoch, let bestValidationLoss {
            plot.points([(Double(bestEpoch), bestValidationLoss)], colour: "#000", radius: 5)
            legend.append((name: "best epoch (\(bestEpoch))", colour: "#000"))
        }
        plot.legend(legend)
        return plot.svg
    }
}
