import Dispatch

/// Measures wall-clock seconds between two points, from a monotonic clock.
public struct Stopwatch: Sendable {
    private var start = DispatchTime.now().uptimeNanoseconds

    public init() {}

    /// Seconds since the stopwatch started or was last lapped; restarts it.
    public mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { start = now }
        return Double(now - start) / 1e9
    }

    /// Seconds since the stopwatch started or was last lapped.
    public var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}
