import Dispatch
import Foundation

/// Turns the first Ctrl-C (SIGINT) into a raised `CancellationFlag`, so a batch stops taking new
/// work, lets every sidecar write in progress complete (each is an atomic rename) and prints
/// its summary. A second Ctrl-C exits at once with status 130; that too leaves no half-written
/// sidecar, because sidecars only ever appear by rename.
public final class InterruptHandler: @unchecked Sendable {
    private let source: DispatchSourceSignal
    private let lock = NSLock()
    private var count = 0

    public init(raising flag: CancellationFlag, notice: String = "stopping after the current photos (Ctrl-C again to quit now)") {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue.global())
        source.setEventHandler { [weak self] in
            guard let self else { return }
            self.lock.lock()
            self.count += 1
            let first = self.count == 1
            self.lock.unlock()
            if first {
                flag.cancel()
                FileHandle.standardError.write(Data("\nautotone: \(notice)\n".utf8))
            } else {
                exit(130)
            }
        }
        source.resume()
    }

    deinit {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
