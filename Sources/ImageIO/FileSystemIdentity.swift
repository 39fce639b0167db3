import Foundation

/// A file's or folder's device and inode: the same node however its path is spelt (symbolic
/// links, `..`, a second hard link). What folder walks use to notice loops and repeats.
public struct FileSystemIdentity: Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64

    /// The identity of what `path` names, following symbolic links; nil when it cannot be reached.
    public init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
