import Foundation

/// Removes the temporary files an `AtomicFileWriter` leaves behind when its process is killed
/// between creating the file and renaming it (a sidecar itself is never half-written).
///
/// Only files named by `AtomicTemporaryName` are considered, and only stale ones: their process
/// is gone, or they are older than `maximumAge` (its id may since belong to another process; a
/// write takes milliseconds). Removing a file some writer still wanted costs that writer its
/// rename, which it reports; the old sidecar stays.
public enum StaleTemporaryFiles {
    /// Removes the stale temporary files directly in `folder`; returns their names.
    @discardableResult
    public static func remove(in folder: URL, maximumAge: TimeInterval = 3600, now: Date = Date()) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        var removed: [String] = []
        for name in names.sorted() {
            guard let pid = AtomicTemporaryName.owner(of: name) else { continue }
            let path = folder.appendingPathComponent(name).path
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            let age = now.timeIntervalSince1970 - Double(info.st_mtim.tv_sec)
            guard age > maximumAge || (pid != getpid() && !isRunning(pid)) else { continue }
            if unlink(path) == 0 { removed.append(name) }
        }
        return removed
    }

    /// True when a process with this id exists (EPERM: it exists but belongs to someone else).
    static func isRunning(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
