import Foundation

/// A first-in, first-out queue with a fixed capacity, shared between threads: `put` waits while
/// the queue is full, `take` waits while it is empty. Bounding it is what keeps a pipeline's
/// memory flat however many photos a shoot has.
final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    private let capacity: Int
    private var items: [Element] = []
    private var closed = false
    private let condition = NSCondition()

    init(capacity: Int) {
        precondition(capacity > 0, "a bounded queue needs room for one element")
        self.capacity = capacity
    }

    /// Appends `element`, waiting for room. Returns false, dropping it, if the queue was closed.
    @discardableResult
    func put(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !closed { condition.wait() }
        guard !closed else { return false }
        items.append(element)
        condition.broadcast()
        return true
    }

    /// Waits for at least one element, then returns it with whatever else is ready, up to
    /// `limit` in all. Returns an empty array once the queue is closed and drained.
    func takeBatch(limit: Int) -> [Element] {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        // The queue holds a few elements at most, so removing from the front is cheap; taken
        // elements must not stay referenced here (they may be decoded images).
        let taken = Array(items.prefix(limit))
        items.removeFirst(taken.count)
        condition.broadcast()
        return taken
    }

    /// No more elements will be put; waiting takers return what is left, then empty arrays.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
