import Foundation

/// A live status line for long batches — done/total, photos per second, time left, failures —
/// redrawn in place on a terminal at most a few times a second, and silent when standard error
/// is not a terminal (piped or redirected), so logs and `--json` output stay clean.
public final class ProgressLine: @unchecked Sendable {
    private var total: Int
    private let noun: String
    private let output: FileHandle
    private let enabled: Bool
    private let lock = NSLock()
    private let start = ContinuousClock.now
    private var lastDraw: ContinuousClock.Instant?
    private var done = 0
    private var failed = 0

    public init(total: Int, noun: String = "photos", output: FileHandle = .standardError,
                enabled: Bool? = nil) {
        self.total = total
        self.noun = noun
        self.output = output
        self.enabled = enabled ?? (isatty(output.fileDescriptor) == 1)
    }

    /// Records finished items and redraws if enough time has passed.
    public func advance(done: Int = 1, failed: Int = 0) {
        lock.lock()
        defer { lock.unlock() }
        self.done += done
        self.failed += failed
        redraw()
    }

    /// Sets the running totals, for work that reports them (`done` of `total` so far) rather
    /// than each item, and redraws if enough time has passed.
    public func update(done: Int, of total: Int) {
        lock.lock()
        defer { lock.unlock() }
        self.done = done
        self.total = total
        redraw()
    }

    /// Draws the line unless it was drawn under 200 ms ago (the last item always draws). Holds `lock`.
    private func redraw() {
        guard enabled else { return }
        let now = ContinuousClock.now
        if let lastDraw, now - lastDraw < .milliseconds(200), done < total { return }
        lastDraw = now
        let elapsed = (now - start).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        output.write(Data(("\r\u{1B}[K" + Self.describe(done: done, total: total, failed: failed,
                                                         seconds: seconds, noun: noun)).utf8))
    }

    /// Clears the line so the summary that follows starts on a clean line.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        if enabled && lastDraw != nil { output.write(Data("\r\u{1B}[K".utf8)) }
    }

    /// "120/400 photos · 5.2/s · 54 s left · 2 failed"
    public static func describe(done: Int, total: Int, failed: Int, seconds: Double, noun: String) -> String {
        var parts = ["\(done)/\(total) \(noun)"]
        if seconds > 0 && done > 0 {
            let rate = Double(done) / seconds
            parts.append(String(format: rate >= 10 ? "%.0f/s" : "%.1f/s", rate))
            if done < total { parts.append(duration(Double(total - done) / rate) + " left") }
        }
        if failed > 0 { parts.append("\(failed) failed") }
        return parts.joined(separator: " · ")
    }

    /// "42 s", "3 min 05 s", "1 h 02 min".
    public static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return String(format: "%d min %02d s", whole / 60, whole % 60) }
        return String(format: "%d h %02d min", whole / 3600, (whole % 3600) / 60)
    }
}
