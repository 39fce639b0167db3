import SeededRandom
import Foundation
import XCTest
@testable import Training

final class CaptureTimeSplitTests: XCTestCase {
    /// A shoot: `bursts` bursts of 1–6 frames 0.5–4 s apart, bursts 8 s to 10 min apart, and a
    /// few photos without a time, listed in a shuffled order.
    private func shoot(bursts: Int, seed: UInt64) -> (times: [Date?], burstOf: [Int]) {
        var generator = Xoshiro256StarStar(seed: seed)
        var photos: [(Date?, Int)] = []
        var clock = 1_600_000_000.0
        for burst in 0..<bursts {
            clock += generator.nextUniform(in: 8...600)
            for frame in 0..<(1 + generator.nextIndex(below: 6)) {
                if frame > 0 { clock += generator.nextUniform(in: 0.5...4) }
                photos.append((Date(timeIntervalSince1970: clock), burst))
            }
        }
        for extra in 0..<3 { photos.append((nil, bursts + extra)) }
        photos.seededShuffle(using: &generator)
        return (photos.map(\.0), photos.map(\.1))
    }

    func testGroupingChainsBurstsAndIsolatesUntimedPhotos() {
        let seconds: [Double?] = [0, 3, 100, 6, nil, 9.5, 200, 205, nil]
        let times = seconds.map { $0.map { Date(timeIntervalSince1970: $0) } }
        // 0, 3, 6, 9.5 chain (gaps ≤ 5 s) though 0 and 9.5 are 9.5 s apart; 200 and 205 are 5 s apart.
        XCTAssertEqual(BurstGrouping(maximumGap: 5).groups(captureTimes: times), [[0, 1, 3, 5], [2], [6, 7], [4], [8]])
        XCTAssertEqual(BurstGrouping(maximumGap: 2).groups(captureTimes: times), [[0], [1], [3], [5], [2], [6], [7], [4], [8]])
    }

    func testNoBurstStraddlesTheSplitAndEveryPhotoIsOnOneSide() throws {
        for seed in UInt64(0)..<20 {
            let (times, burstOf) = shoot(bursts: 30, seed: seed)
            var generator = Xoshiro256StarStar(seed: seed)
            let split = try CaptureTimeSplit.make(captureTimes: times, validationFraction: 0.2, using: &generator)
            XCTAssertEqual((split.training + split.validation).sorted(), Array(times.indices))
            XCTAssertTrue(Set(split.training).isDisjoint(with: split.validation))
            let trainingBursts = Set(split.training.map { burstOf[$0] }), validationBursts = Set(split.validation.map { burstOf[$0] })
            XCTAssertTrue(trainingBursts.isDisjoint(with: validationBursts), "seed \(seed): a burst straddles the split")
            // Within a group's granularity: at least the target, short of one more group.
            let target = Int((0.2 * Double(times.count)).rounded())
            let largestGroup = split.groups.map(\.count).max()!
            XCTAssertGreaterThanOrEqual(split.validation.count, target)
            XCTAssertLessThan(split.validation.count, target + largestGroup)
        }
    }

    func testSameSeedSameSplitOtherSeedOtherSplit() throws {
        let (times, _) = shoot(bursts: 25, seed: 1)
        func split(_ seed: UInt64) throws -> CaptureTimeSplit {
            var generator = Xoshiro256StarStar(seed: seed)
            return try CaptureTimeSplit.make(captureTimes: times, validationFraction: 0.25, using: &generator)
        }
        XCTAssertEqual(try split(4), try split(4))
        XCTAssertNotEqual(try split(4).validation, try split(5).validation)
    }

    func testEdgeCases() throws {
        var generator = Xoshiro256StarStar(seed: 1)
        let burst = (0..<6).map { Date(timeIntervalSince1970: Double($0)) as Date? }
        XCTAssertThrowsError(try CaptureTimeSplit.make(captureTimes: burst, validationFraction: 0.2, using: &generator)) { error in
            XCTAssertEqual(error as? SplitError, .tooFewGroups(groups: 1, needed: 2))
        }
        XCTAssertThrowsError(try CaptureTimeSplit.make(captureTimes: burst, validationFraction: 1, using: &generator))
        let none = try CaptureTimeSplit.make(captureTimes: burst, validationFraction: 0, using: &generator)
        XCTAssertEqual(none.training, Array(0..<6))
        XCTAssertEqual(none.validation, [])
        // Two photos, tiny fraction: validation still gets one, training keeps one.
        let two: [Date?] = [nil, nil]
        let small = try CaptureTimeSplit.make(captureTimes: two, validationFraction: 0.1, using: &generator)
        XCTAssertEqual(small.training.count, 1)
        XCTAssertEqual(small.validation.count, 1)
        // A huge fraction never empties training.
        let most = try CaptureTimeSplit.make(captureTimes: [nil, nil, nil], validationFraction: 0.99, using: &generator)
        XCTAssertEqual(most.training.count, 1)
    }

    func testFoldsCoverEveryPhotoOnceAndKeepBurstsTogether() throws {
        let (times, burstOf) = shoot(bursts: 40, seed: 3)
        var generator = Xoshiro256StarStar(seed: 3)
        let folds = try CaptureTimeSplit.folds(captureTimes: times, count: 5, using: &generator)
        XCTAssertEqual(folds.count, 5)
        XCTAssertEqual(folds.flatMap(\.validation).sorted(), Array(times.indices), "each photo validated exactly once")
        for fold in folds {
            XCTAssertEqual((fold.training + fold.validation).sorted(), Array(times.indices))
            XCTAssertTrue(Set(fold.training.map { burstOf[$0] }).isDisjoint(with: fold.validation.map { burstOf[$0] }))
            XCTAssertFalse(fold.validation.isEmpty)
        }
        let sizes = folds.map(\.validation.count), largestGroup = folds[0].groups.map(\.count).max()!
        XCTAssertLessThanOrEqual(sizes.max()! - sizes.min()!, largestGroup, "folds balanced to a group")
        var again = Xoshiro256StarStar(seed: 3)
        XCTAssertEqual(folds, try CaptureTimeSplit.folds(captureTimes: times, count: 5, using: &again))
        XCTAssertThrowsError(try CaptureTimeSplit.folds(captureTimes: [nil, nil], count: 3, using: &again))
    }
}
