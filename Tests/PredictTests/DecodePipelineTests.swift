import Foundation
import XCTest
@testable import Predict

final class DecodePipelineTests: XCTestCase {
    func testEveryInputIsConsumedOnceInBatches() {
        let pipeline = DecodePipeline(workers: 3, batchSize: 4)
        var seen: [Int] = []
        var batchSizes: [Int] = []
        let run = pipeline.run(Array(0..<50), prepare: { $0 * 2 }) { batch in
            seen += batch
            batchSizes.append(batch.count)
        }
        XCTAssertEqual(run.consumed, 50)
        XCTAssertEqual(run.timeline.workerBusy.count, 3)
        XCTAssertEqual(seen.sorted(), (0..<50).map { $0 * 2 })
        XCTAssertTrue(batchSizes.allSatisfy { (1...4).contains($0) })
    }

    /// However many inputs, no more than capacity + workers + one batch are alive at once.
    func testMemoryIsBounded() {
        let pipeline = DecodePipeline(workers: 2, queueCapacity: 3, batchSize: 2)
        let live = LiveCounter()
        pipeline.run(Array(0..<200), prepare: { _ -> Token in Token(live) }) { batch in
            Thread.sleep(forTimeInterval: 0.001)  // a slow consumer fills the queue
            _ = batch
        }
        XCTAssertLessThanOrEqual(live.peak, 3 + 2 + 2)
        XCTAssertEqual(live.current, 0)
    }

    func testCancellationStopsNewWork() {
        let pipeline = DecodePipeline(workers: 2, batchSize: 1)
        let cancellation = CancellationFlag()
        var consumed = 0
        pipeline.run(Array(0..<1_000), cancellation: cancellation, prepare: { $0 }) { _ in
            consumed += 1
            if consumed == 10 { cancellation.cancel() }
        }
        XCTAssertEqual(consumed, 10)
    }

    /// A slow model behind fast decoders: the decoders' wait shows in the timeline; slow
    /// decoders before a fast model: the model's.
    func testTheTimelineShowsWhoWaitsForWhom() {
        let pipeline = DecodePipeline(workers: 2, queueCapacity: 2, batchSize: 1)
        let slowModel = pipeline.run(Array(0..<20), prepare: { $0 }) { _ in Thread.sleep(forTimeInterval: 0.01) }.timeline
        XCTAssertGreaterThan(slowModel.consumerBusy, 0.15)
        XCTAssertGreaterThan(slowModel.workerWaiting.reduce(0, +), 0.1)
        XCTAssertLessThan(slowModel.consumerWaiting, slowModel.consumerBusy)
        let slowDecode = pipeline.run(Array(0..<20), prepare: { item -> Int in
            Thread.sleep(forTimeInterval: 0.01)
            return item
        }) { _ in }.timeline
        XCTAssertGreaterThan(slowDecode.workerBusy.reduce(0, +), 0.15)
        XCTAssertGreaterThan(slowDecode.consumerWaiting, 0.05)
        XCTAssertLessThan(slowDecode.workerWaiting.reduce(0, +), slowDecode.workerBusy.reduce(0, +))
        XCTAssertTrue(slowDecode.line.hasPrefix("pipeline "))
    }

    func testEmptyInput() {
        XCTAssertEqual(DecodePipeline(workers: 2, batchSize: 8).run([Int](), prepare: { $0 }) { _ in XCTFail() }.consumed, 0)
    }
}

/// Counts live tokens to measure how many prepared items exist at once.
final class LiveCounter: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var current = 0
    private(set) var peak = 0
    func change(_ delta: Int) {
        lock.lock()
        current += delta
        peak = max(peak, current)
        lock.unlock()
    }
}

final class Token: Sendable {
    let counter: LiveCounter
    init(_ counter: LiveCounter) {
        self.counter = counter
        counter.change(1)
    }
    deinit { counter.change(-1) }
}
