import SeededRandom
import Foundation
import XCTest
@testable import Training

final class LabelSmoothingTests: XCTestCase {
    /// Tests/Golden/label-smoothing.json, written by Scripts/reference_label_smoothing.py.
    struct Golden: Decodable {
        struct Filtered: Decodable {
            var window: Int?
            var sigma: Double?
            var expected: [Double]
        }

        struct Case: Decodable {
            var name: String
            var values: [Double]
            var movingAverage: [Filtered]
            var gaussian: [Filtered]
        }

        var cases: [Case]
    }

    private func golden() throws -> Golden {
        let data = try Data(contentsOf: TestImages.goldenFolder.appendingPathComponent("label-smoothing.json"))
        return try JSONDecoder().decode(Golden.self, from: data)
    }

    private func times(_ seconds: [Double?]) -> [Date?] {
        seconds.map { $0.map { Date(timeIntervalSince1970: 1_500_000_000 + $0) } }
    }

    func testFiltersMatchTheNumpyAndScipyReference() throws {
        let golden = try golden()
        XCTAssertEqual(golden.cases.count, 3)
        var checked = 0
        for testCase in golden.cases {
            for reference in testCase.movingAverage {
                let window = try XCTUnwrap(reference.window)
                let actual = LabelSmoothing.movingAverage(testCase.values, window: window)
                XCTAssertEqual(actual.count, reference.expected.count)
                for (a, e) in zip(actual, reference.expected) { XCTAssertEqual(a, e, accuracy: 1e-12, "\(testCase.name) w=\(window)") }
                checked += 1
            }
            for reference in testCase.gaussian {
                let sigma = try XCTUnwrap(reference.sigma)
                let actual = try LabelSmoothing(filter: .gaussian(sigma: sigma)).filtered(testCase.values)
                for (a, e) in zip(actual, reference.expected) { XCTAssertEqual(a, e, accuracy: 1e-12, "\(testCase.name) σ=\(sigma)") }
                checked += 1
            }
        }
        XCTAssertEqual(checked, 24)
    }

    func testReflectIndexFollowsScipy() {
        // n = 3, positions −7…9: 0 | 0 1 2 2 1 0 | 0 1 2 | 2 1 0 0 1 2 2  (edges repeated)
        XCTAssertEqual((-7...9).map { GaussianKernel.reflect($0, count: 3) }, [0, 0, 1, 2, 2, 1, 0, 0, 1, 2, 2, 1, 0, 0, 1, 2, 2])
        XCTAssertEqual((-2...2).map { GaussianKernel.reflect($0, count: 1) }, [0, 0, 0, 0, 0])
    }

    /// The training photos, shuffled in the list and split from validation photos in between,
    /// are smoothed as the golden sequence in capture order, and nothing else is touched.
    func testTrainingLabelsAreSmoothedInCaptureOrderAndValidationIsLeftOut() throws {
        let reference = try XCTUnwrap(golden().cases.first { $0.name == "long" })
        let expected = try XCTUnwrap(reference.gaussian.first { $0.sigma == 2.5 }).expected
        let space = LabelSpace(settings: [LabelSpace.lightroomBasic.settings[0]])
        // 17 training photos at t = 10·i, listed in a scrambled order, and 5 validation photos.
        let order = [4, 16, 0, 9, 12, 1, 7, 14, 3, 11, 5, 15, 8, 2, 13, 6, 10]
        var labels = order.map { ScaledLabel(values: [Float(reference.values[$0])]) }
        var seconds: [Double?] = order.map { Double($0) * 10 }
        let validationValues: [Float] = [0.9, -0.9, 0.95, -0.95, 0.5]
        labels += validationValues.map { ScaledLabel(values: [$0]) }
        seconds += [5, 55, 95, 155, 1_000]
        let split = CaptureTimeSplit(training: Array(0..<17), validation: Array(17..<22), groups: [])
        let before = labels
        var generator = Xoshiro256StarStar(seed: 1)
        let smoothing = try LabelSmoothing(filter: .gaussian(sigma: 2.5))
        let result = smoothing.trainingLabels(of: split, labels: labels, captureTimes: times(seconds), space: space, using: &generator)
        XCTAssertEqual(labels, before, "the input is not modified")
        XCTAssertEqual(result.indices, Array(0..<17))
        for (position, original) in order.enumerated() {
            let smoothed = try XCTUnwrap(result[photo: position])
            XCTAssertEqual(Double(smoothed.values[0]), expected[original], accuracy: 1e-6)
        }
        for validation in 17..<22 { XCTAssertNil(result[photo: validation], "validation photos get no smoothed label") }
    }

    func testMovingAverageSkipsAbsentEntriesAndUntimedPhotos() throws {
        let space = LabelSpace(settings: Array(LabelSpace.lightroomBasic.settings.prefix(2)))
        let labels = [
            ScaledLabel(values: [0.1, 0.3]),
            ScaledLabel(values: [0.2, 0], isPresent: [true, false]),
            ScaledLabel(values: [0.6, 0.5]),
            ScaledLabel(values: [0.9, 0.9]),  // no capture time
        ]
        let split = CaptureTimeSplit(training: [0, 1, 2, 3], validation: [], groups: [])
        var generator = Xoshiro256StarStar(seed: 1)
        let result = try LabelSmoothing(filter: .movingAverage(window: 3))
            .trainingLabels(of: split, labels: labels, captureTimes: times([0, 10, 20, nil]), space: space, using: &generator)
        // Exposure over photos 0, 1, 2: ends cut → (0.1+0.2)/2, (0.1+0.2+0.6)/3, (0.2+0.6)/2.
        XCTAssertEqual(result.labels.map { $0.values[0] }[0..<3].map(Double.init), [0.15, 0.3, 0.4], accuracy: 1e-6)
        // Contrast over photos 0 and 2 only; photo 1 stays absent.
        XCTAssertEqual(result.labels[0].values[1], 0.4, accuracy: 1e-6)
        XCTAssertEqual(result.labels[2].values[1], 0.4, accuracy: 1e-6)
        XCTAssertEqual(result.labels[1].isPresent, [true, false])
        XCTAssertEqual(result.labels[1].values[1], 0)
        XCTAssertEqual(result.labels[3], labels[3], "a photo without a time is in no sequence")
    }

    func testNoiseHasItsSpreadStaysInRangeAndIsSeeded() throws {
        let space = LabelSpace.lightroomBasic
        let labels = (0..<500).map { index in ScaledLabel(values: Array(repeating: index == 0 ? 0.99 : 0.1, count: 8)) }
        let split = CaptureTimeSplit(training: Array(0..<500), validation: [], groups: [])
        let noisy = try LabelSmoothing(noise: 0.05)
        var a = Xoshiro256StarStar(seed: 3), b = Xoshiro256StarStar(seed: 3)
        let captureTimes = [Date?](repeating: nil, count: 500)
        let first = noisy.trainingLabels(of: split, labels: labels, captureTimes: captureTimes, space: space, using: &a)
        XCTAssertEqual(first, noisy.trainingLabels(of: split, labels: labels, captureTimes: captureTimes, space: space, using: &b))
        let deltas = first.labels.dropFirst().flatMap { $0.values.map { Double($0) - 0.1 } }
        let mean = deltas.reduce(0, +) / Double(deltas.count)
        let spread = (deltas.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(deltas.count)).squareRoot()
        XCTAssertEqual(mean, 0, accuracy: 0.005)
        XCTAssertEqual(spread, 0.05, accuracy: 0.003)
        XCTAssertTrue(first.labels[0].values.allSatisfy { $0 <= 1 }, "clamped to the scaled range")
    }

    func testInvalidOptionsAreRefused() {
        XCTAssertThrowsError(try LabelSmoothing(filter: .movingAverage(window: 4))) { error in
            XCTAssertEqual(error as? LabelSmoothingError, .invalidWindow(4))
        }
        XCTAssertThrowsError(try LabelSmoothing(filter: .movingAverage(window: 0)))
        XCTAssertThrowsError(try LabelSmoothing(filter: .gaussian(sigma: 0)))
        XCTAssertThrowsError(try LabelSmoothing(filter: .gaussian(sigma: .nan)))
        XCTAssertThrowsError(try LabelSmoothing(noise: -1))
        XCTAssertEqual(LabelSmoothing.identity.filtered([1, 5, 2]), [1, 5, 2])
    }
}

private func XCTAssertEqual(_ actual: [Double], _ expected: [Double], accuracy: Double,
                            file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, expected.count, file: file, line: line)
    for (a, e) in zip(actual, expected) { XCTAssertEqual(a, e, accuracy: accuracy, file: file, line: line) }
}
