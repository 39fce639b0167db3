import Foundation

/// Groups photos into bursts: photos whose capture times are within `maximumGap` of the
/// previous photo (in time order) belong to the same group. Grouping chains, so a long burst at
/// 2 s intervals is one group even if its ends are a minute apart. A photo without a capture
/// time is a group of its own.
public struct BurstGrouping: Sendable, Hashable {
    /// The largest gap, in seconds, between consecutive photos of one burst.
    public var maximumGap: TimeInterval

    public init(maximumGap: TimeInterval = 5) {
        precondition(maximumGap >= 0, "the burst gap must not be negative")
        self.maximumGap = maximumGap
    }

    /// The groups, as indices into `captureTimes`: timed groups in time order (each in time
    /// order, ties by index), then one group per photo without a time, by index. Every index
    /// appears exactly once. O(n log n).
    public func groups(captureTimes: [Date?]) -> [[Int]] {
        let timed = captureTimes.indices
            .compactMap { index in captureTimes[index].map { (index: index, time: $0) } }
            .sorted { ($0.time, $0.index) < ($1.time, $1.index) }
        var groups: [[Int]] = []
        var previous: Date?
        for photo in timed {
            if let last = previous, photo.time.timeIntervalSince(last) <= maximumGap {
                groups[groups.count - 1].append(photo.index)
            } else {
                groups.append([photo.index])
            }
            previous = photo.time
        }
        let untimed = captureTimes.indices.filter { captureTimes[$0] == nil }
        return groups + untimed.map { [$0] }
    }
}
