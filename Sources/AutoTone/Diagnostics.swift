import Foundation

/// Error messages go to standard error, one line each, so piped output stays clean.
enum Diagnostics {
    static func report(_ error: Error) {
        FileHandle.standardError.write(Data("autotone: \(error)\n".utf8))
    }
}
