import Foundation

/// An `errno` value, as swift-system's `Errno` is: the code and the C library's words for it.
public struct Errno: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: Int32

    public init(_ code: Int32) { self.code = code }

    /// The calling thread's `errno`, read right after the call that failed.
    public static var current: Errno { Errno(errno) }

    /// "Permission denied".
    public var description: String { String(cString: strerror(code)) }
}

/// The package's one errno check, after swift-system's `valueOrErrno` and `retryOnInterrupt`:
/// runs a system call that returns -1 on failure, again while it fails with EINTR (unless
/// `retryingOnInterrupt` is false), and returns its value or throws the failure's `Errno`.
/// (XMP writes sidecars without ImageIO, which the module map keeps it from importing; its
/// `AtomicFileWriter` checks its own calls.)
@discardableResult
public func systemCall<T: FixedWidthInteger & SignedInteger>(
    retryingOnInterrupt: Bool = true, _ call: () -> T
) throws(Errno) -> T {
    while true {
        let value = call()
        if value != -1 { return value }
        let failure = Errno.current
        if failure.code == EINTR && retryingOnInterrupt { continue }
        throw failure
    }
}
