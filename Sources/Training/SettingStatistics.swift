/// Mean and standard deviation of each setting over the labels that have it, in scaled units:
/// what the mean baseline and the guesser are fitted from.
public struct SettingStatistics: Codable, Sendable, Equatable {
    /// Per setting; 0 for a setting no label has.
    public var mean: [Double]
    /// Population standard deviation (divisor n, NumPy's default), per setting; 0 for a
    /// setting fewer than two labels have.
    public var standardDeviation: [Double]
    /// Labels that have each setting.
    public var count: [Int]

    /// Statistics of `labels`, all of the same length. O(labels × settings).
    public init(labels: [ScaledLabel]) {
        let settingCount = labels.first?.count ?? 0
        precondition(labels.allSatisfy { $0.count == settingCount }, "labels must have the same length")
        var mean = [Double](repeating: 0, count: settingCount)
        var deviation = mean
        var count = [Int](repeating: 0, count: settingCount)
        for setting in 0..<settingCount {
            let values = labels.compactMap { $0[setting: setting] }.map(Double.init)
            count[setting] = values.count
            guard !values.isEmpty else { continue }
            let average = values.reduce(0, +) / Double(values.count)
            mean[setting] = average
            deviation[setting] = (values.reduce(0) { $0 + ($1 - average) * ($1 - average) } / Double(values.count)).squareRoot()
        }
        self.mean = mean
        self.standardDeviation = deviation
        self.count = count
    }
}
