import SeededRandom
import Foundation

/// Why photos could not be split.
public enum SplitError: Error, Equatable, Sendable {
    /// The validation fraction is outside [0, 1).
    case invalidFraction(Double)
    /// Fewer burst groups than the split needs (2 for a validation split, K for K folds).
    case tooFewGroups(groups: Int, needed: Int)
}

/// Photos divided into training and validation, with bursts kept on one side.
///
/// Indices refer to the list of photos the split was made from; both lists are sorted.
public struct CaptureTimeSplit: Sendable, Hashable {
    public var training: [Int]
    public var validation: [Int]
    /// The burst groups the split was made of.
    public var groups: [[Int]]

    public init(training: [Int], validation: [Int], groups: [[Int]]) {
        self.training = training.sorted()
        self.validation = validation.sorted()
        self.groups = groups
    }

    /// A seeded split: the burst groups are shuffled and taken, in that order, into validation
    /// until it holds at least `round(validationFraction × n)` photos, so validation overshoots
    /// the target by less than one group. Training always keeps at least one group, and with a
    /// positive fraction validation gets at least one. Same seed, same split.
    ///
    /// - Throws: `SplitError.invalidFraction` outside [0, 1); `SplitError.tooFewGroups` when a
    ///   positive fraction meets fewer than two groups.
    public static func make(captureTimes: [Date?], validationFraction: Double,
                            grouping: BurstGrouping = BurstGrouping(),
                            using generator: inout some RandomNumberGenerator) throws -> CaptureTimeSplit {
        guard (0..<1).contains(validationFraction) else { throw SplitError.invalidFraction(validationFraction) }
        var groups = grouping.groups(captureTimes: captureTimes)
        let target = validationFraction > 0 ? max(1, Int((validationFraction * Double(captureTimes.count)).rounded())) : 0
        guard target == 0 || groups.count >= 2 else { throw SplitError.tooFewGroups(groups: groups.count, needed: 2) }
        groups.seededShuffle(using: &generator)
        var validation: [Int] = [], training: [Int] = []
        for (position, group) in groups.enumerated() {
            let isLastGroup = position == groups.count - 1
            if validation.count < target && !(isLastGroup && training.isEmpty) {
                validation += group
            } else {
                training += group
            }
        }
        return CaptureTimeSplit(training: training, validation: validation, groups: groups)
    }

    /// K splits for cross-validation: the burst groups are shuffled, then each goes, in that
    /// order, to the fold with the fewest photos so far (ties to the lower fold). Fold i's
    /// validation is its own photos and its training all the others', so every photo is in
    /// exactly one fold's validation and no burst straddles any split.
    ///
    /// - Throws: `SplitError.tooFewGroups` with fewer groups than folds (some fold would be empty).
    public static func folds(captureTimes: [Date?], count: Int, grouping: BurstGrouping = BurstGrouping(),
                             using generator: inout some RandomNumberGenerator) throws -> [CaptureTimeSplit] {
        precondition(count >= 2, "cross-validation needs at least two folds")
        var groups = grouping.groups(captureTimes: captureTimes)
        guard groups.count >= count else { throw SplitError.tooFewGroups(groups: groups.count, needed: count) }
        groups.seededShuffle(using: &generator)
        var members = Array(repeating: [Int](), count: count)
        for group in groups {
            let smallest = members.indices.min { (members[$0].count, $0) < (members[$1].count, $1) }!
            members[smallest] += group
        }
        return members.indices.map { fold in
            CaptureTimeSplit(training: members.indices.filter { $0 != fold }.flatMap { members[$0] },
                             validation: members[fold], groups: groups)
        }
    }
}
