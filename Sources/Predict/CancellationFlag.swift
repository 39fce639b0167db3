import Foundation

/// A flag that any thread may raise (Ctrl-C, a test) and long-running work checks between items.
public final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    public init() {}

    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }

    public func cancel() {
        lock.lock()
        raised = true
        lock.unlock()
    }
}
