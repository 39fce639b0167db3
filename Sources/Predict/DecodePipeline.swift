import Foundation

/// Runs a slow per-item stage on several threads and a batched stage on the calling thread,
/// with a bounded queue between them: decoding photos in parallel while the model works on
/// whatever is ready, without holding more than `queueCapacity` decoded items at once.
///
/// `prepare` is called once per input, on worker threads, in no particular order; it should
/// capture failures in its result rather than throw. `consume` is called on the calling thread
/// with batches of 1…`batchSize` prepared items, as they become ready. When `cancellation` is
/// raised, workers start no new items and `consume` is not called again; items prepared but not
/// consumed are dropped. Returns the number of inputs that were consumed.
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

    @discardableResult
    public func run<Input: Sendable, Prepared: Sendable>(
        _ inputs: [Input],
        cancellation: CancellationFlag = CancellationFlag(),
        prepare: @escaping @Sendable (Input) -> Prepared,
        consume: ([Prepared]) -> Void
    ) -> Int {
        guard !inputs.isEmpty else { return 0 }
        let queue = BoundedQueue<Prepared>(capacity: queueCapacity)
        let next = Counter()
        let finished = DispatchGroup()
        for _ in 0..<min(workers, inputs.count) {
            finished.enter()
            let thread = Thread {
                while !cancellation.isCancelled, let index = next.take(below: inputs.count) {
                    if !queue.put(prepare(inputs[index])) { break }
                }
                finished.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        // Close the queue when every worker is done, so the consumer loop below ends.
        finished.notify(queue: DispatchQueue.global()) { queue.close() }

        var consumed = 0
        while !cancellation.isCancelled {
            let batch = queue.takeBatch(limit: batchSize)
            if batch.isEmpty { break }
            consume(batch)
            consumed += batch.count
        }
        // On cancellation, unblock workers waiting for room, then wait for them to stop.
        queue.close()
        finished.wait()
        return consumed
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
