import Foundation
import ImageIO
import XMP

/// The start of a run that writes: one `FolderLock` per folder that will get sidecars, then
/// the stale temporary files of killed runs removed from each locked folder.
struct FolderLocking {
    /// The locks, held until this value is released.
    var held: [FolderLock] = []
    /// Photos in folders another run kept busy past the timeout, or whose lock path holds
    /// something that is not a lock file, with the reason.
    var refused: [PhotoResult] = []
    /// Photos whose folder is ready (locked, or unlockable because nothing can be written there).
    var photos: [URL] = []
    /// True when the wait was cancelled: the photos not yet locked are not reached.
    var cancelled = false

    /// Locks the folders of `photos` in one global order (by path), so two runs wanting
    /// overlapping folders cannot each hold one the other waits for.
    init(photos all: [URL], timeout: Double, cancellation: CancellationFlag, notice: (String) -> Void) {
        var byFolder: [String: [URL]] = [:]
        for photo in all { byFolder[photo.deletingLastPathComponent().path, default: []].append(photo) }
        var seen = Set<FileSystemIdentity>()
        for path in byFolder.keys.sorted() {
            let folder = URL(fileURLWithPath: path, isDirectory: true)
            let inFolder = byFolder[path]!
            // Two spellings of one folder (a symlink) must not take its lock twice: the second
            // flock would wait on the first forever.
            guard let key = FileSystemIdentity(path), seen.insert(key).inserted else {
                photos += inFolder
                continue
            }
            let attempt = FolderLock.acquire(folder, timeout: timeout, cancellation: cancellation) { holder in
                notice("waiting for another autotone predict (\(holder.map { "pid \($0)" } ?? "process id unknown")) "
                       + "working in \(path) to finish (it holds \(FolderLock.fileName))")
            }
            switch attempt {
            case .acquired(let lock):
                held.append(lock)
                photos += inFolder
                let removed = StaleTemporaryFiles.remove(in: folder)
                if !removed.isEmpty {
                    notice("removed \(removed.count) temporary file(s) left in \(path) by an interrupted run")
                }
            case .unavailable:
                photos += inFolder
            case .refused(let reason):
                refused += inFolder.map { PhotoResult(path: $0.path, outcome: .failed, reason: reason) }
            case .busy(let holder):
                if cancellation.isCancelled {
                    cancelled = true
                    return
                }
                let reason = "\(path): another autotone predict (\(holder.map { "pid \($0)" } ?? "process id unknown")) "
                    + "is working in this folder; gave up waiting after \(Int(timeout)) s (--lock-timeout)"
                refused += inFolder.map { PhotoResult(path: $0.path, outcome: .failed, reason: reason) }
            }
        }
    }
}
