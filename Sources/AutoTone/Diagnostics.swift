import Foundation
import ImageIO

/// Error messages go to standard error, one line each, so piped output stays clean.
enum Diagnostics {
    static func report(_ error: Error) {
        FileHandle.standardError.write(Data("autotone: \(message(for: error))\n".utf8))
    }

    /// Something the user should know that is not an error (what a run waits for).
    static func notice(_ message: String) {
        FileHandle.standardError.write(Data("autotone: \(message)\n".utf8))
    }

    /// One line: AutoTone's own errors say what they say; Foundation's file errors ("The
    /// operation could not be completed", "NSCocoaErrorDomain error 512", a full NSError dump)
    /// become the path and the cause in plain words; any message is kept to its first line.
    static func message(for error: Error) -> String {
        let ns = error as NSError
        let text: String
        if ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain {
            let path = ns.userInfo[NSFilePathErrorKey] as? String ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path ?? "a file"
            text = FileSystemError(path: path, error: error).description
        } else {
            text = "\(error)"
        }
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        return lines.filter { !$0.isEmpty }.joined(separator: " ")
    }
}
