import Foundation

/// Error messages go to standard error, one line each, so piped output stays clean.
enum Diagnostics {
    static func report(_ error: Error) {
        FileHandle.standardError.write(Data("autotone: \(error)\n".utf8))
    }

    /// Something the user should know that is not an error (what a run waits for).
    static func notice(_ message: String) {
        FileHandle.standardError.write(Data("autotone: \(message)\n".utf8))
    }
}
