import Foundation

/// Runs a slow per-item stage on several threads and a batched stage on the calling thread,
/// with a bounded queue between them: decoding photos in parallel while the model works on
/// whatever is ready, without holding more than `queueCapacity` decoded items at once.
///
/// `prepare` is called once per input, on worker threads, in no particular order; it should
/// capture failures in its result rather than throw. `consume` is called on the calling thread
/// with batches of 1…`batchSize` prepared items, as they become ready. When `cancellation` is
/// raised, workers start no new items and `consume` is not called again; items prepared but not
/// consumed are dropped. Returns the number of inputs that were consumed and where the threads
/// spent their time (`PipelineTimeline`).
public struct DecodePipeline: Sendable {
    public var workers: Int
    public var queueCapacity: Int
    public var batchSize: Int

    public init(workers: Int, queueCapacity: Int? = nil, batchSize: Int) {
        precondition(workers > 0 && batchSize > 0, "a pipeline needs a worker and a batch size")
        self.workers = workers
        self.queueCapacity = queueCapacity ?? max(batchSize, 2 * workers)
        self.batchSize = batchSize
    }

    public struct Run: Sendable {
        public var consumed: Int
        public var timeline: PipelineTimeline
    }

    @discardableResult
    public func run<Input: Sendable, Prepared: Sendable>(
        _ inputs: [Input],
        cancellation: CancellationFlag = CancellationFlag(),
        prepare: @escaping @Sendable (Input) -> Prepared,
        consume: ([Prepared]) -> Void
    ) -> Run {
        guard !inputs.isEmpty else { return Run(consumed: 0, timeline: PipelineTimeline()) }
        let start = monotonicSeconds()
        let queue = BoundedQueue<Prepared>(capacity: queueCapacity)
        let next = Counter()
        let finished = DispatchGroup()
        let threadCount = min(workers, inputs.count)
        let workerTimes = WorkerTimes(count: threadCount)
        for worker in 0..<threadCount {
            finished.enter()
            let thread = Thread {
                var busy = 0.0, waiting = 0.0
                while !cancellation.isCancelled, let index = next.take(below: inputs.count) {
                    let began = monotonicSeconds()
                    let item = prepare(inputs[index])
                    let prepared = monotonicSeconds()
                    let accepted = queue.put(item)
                    busy += prepared - began
                    waiting += monotonicSeconds() - prepared
                    if !accepted { break }
                }
                workerTimes.record(worker, busy: busy, waiting: waiting)
                finished.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        // Close the queue when every worker is done, so the consumer loop below ends.
        finished.notify(queue: DispatchQueue.global()) { queue.close() }

        var consumed = 0
        var timeline = PipelineTimeline()
        while !cancellation.isCancelled {
            let asked = monotonicSeconds()
            let batch = queue.takeBatch(limit: batchSize)
            let received = monotonicSeconds()
            timeline.consumerWaiting += received - asked
            if batch.isEmpty { break }
            consume(batch)
            timeline.consumerBusy += monotonicSeconds() - received
            consumed += batch.count
        }
        // On cancellation, unblock workers waiting for room, then wait for them to stop.
        queue.close()
        finished.wait()
        (timeline.workerBusy, timeline.workerWaiting) = workerTimes.values
        timeline.seconds = monotonicSeconds() - start
        return Run(consumed: consumed, timeline: timeline)
    }
}

/// Each worker's busy and waiting seconds, written once per worker as it ends.
private final class WorkerTimes: @unchecked Sendable {
    private let lock = NSLock()
    private var busy: [Double]
    private var waiting: [Double]

    init(count: Int) {
        busy = Array(repeating: 0, count: count)
        waiting = Array(repeating: 0, count: count)
    }

    func record(_ worker: Int, busy: Double, waiting: Double) {
        lock.lock()
        defer { lock.unlock() }
        self.busy[worker] = busy
        self.waiting[worker] = waiting
    }

    var values: ([Double], [Double]) {
        lock.lock()
        defer { lock.unlock() }
        return (busy, waiting)
    }
}

/// Hands out 0, 1, 2, … to competing threads.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        defer { value += 1 }
        return value
    }
}
