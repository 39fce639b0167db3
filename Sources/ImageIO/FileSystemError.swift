import Foundation

/// A failed system call on a path, in one line: the path and the cause in plain words.
/// (`systemCall` turns a failed call into its `Errno`; this names the path it was on.)
public struct FileSystemError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var code: Int32
    /// What was being done ("creating the folder"), when it helps.
    public var operation: String?

    public init(path: String, code: Int32, operation: String? = nil) {
        self.path = path
        self.code = code
        self.operation = operation
    }

    /// The cause, as the C library words it (`Permission denied`).
    public var cause: String { String(cString: strerror(code)) }

    public var description: String {
        "\(path): " + (operation.map { "\($0) failed: " } ?? "") + cause
    }

    /// Foundation's error for a file operation on `path`, as the `errno` it stands for, so the
    /// user reads "Permission denied", not "NSCocoaErrorDomain error 513".
    public init(path: String, operation: String? = nil, error: Error) {
        let ns = error as NSError
        let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError
        let code: Int32
        if ns.domain == NSPOSIXErrorDomain {
            code = Int32(ns.code)
        } else if let underlying, underlying.domain == NSPOSIXErrorDomain {
            code = Int32(underlying.code)
        } else {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: code = ENOENT
            case .fileReadNoPermission, .fileWriteNoPermission: code = EACCES
            case .fileWriteFileExists: code = EEXIST
            case .fileWriteOutOfSpace: code = ENOSPC
            case .fileWriteVolumeReadOnly: code = EROFS
            case .fileReadTooLarge: code = EFBIG
            default: code = EIO
            }
        }
        self.init(path: path, code: code, operation: operation)
    }
}
