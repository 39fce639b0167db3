import Foundation

/// Outcomes of decoding a corrupt-RAW corpus, by damage and by outcome, with the slowest decode.
struct CorruptRAWTally {
    private(set) var outcomes: [String: Int] = [:]
    private(set) var byDamage: [String: [String: Int]] = [:]
    private(set) var slowestSeconds = 0.0
    private(set) var slowestSample = ""
    private(set) var totalSeconds = 0.0
    var peakResidentMB = 0.0

    mutating func add(damage: String, outcome: String, seconds: Double, sample: String) {
        outcomes[outcome, default: 0] += 1
        byDamage[damage, default: [:]][outcome, default: 0] += 1
        totalSeconds += seconds
        if seconds > slowestSeconds { (slowestSeconds, slowestSample) = (seconds, sample) }
    }

    func report(count: Int, seed: UInt64) -> String {
        func line(_ counts: [String: Int]) -> String {
            counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        var lines = ["corrupt RAWs: \(count) (seed \(seed)): " + line(outcomes)]
        for (damage, counts) in byDamage.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(damage): " + line(counts))
        }
        lines.append(String(format: "  slowest decode %.2f s (", slowestSeconds) + slowestSample
            + String(format: "), mean %.3f s, peak RSS %.0f MB", totalSeconds / Double(max(1, count)), peakResidentMB))
        return lines.joined(separator: "\n")
    }

    func json(count: Int, seed: UInt64) throws -> Data {
        let object: [String: Any] = [
            "count": count, "seed": seed, "outcomes": outcomes, "byDamage": byDamage,
            "slowestSeconds": slowestSeconds, "slowestSample": slowestSample,
            "meanSeconds": totalSeconds / Double(max(1, count)), "peakResidentMB": peakResidentMB,
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
    }
}
