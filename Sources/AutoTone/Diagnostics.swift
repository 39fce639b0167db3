import Foundation
import ImageIO

/// Error messages go to standard error, one line each, so piped output stays clean.
enum Diagnostics {
    static func report(_ error: Error) {
        FileHandle.standardError.write(Data("autotone: \(message(for: error))\n".utf8))
    }

    /// Something the user should know that is not an error (what a run waits for).
    static func notice(_ message: String) {
        FileHandle.standardError.write(Data("autotone: \(oneLine(message))\n".utf8))
    }

    /// One line: AutoTone's own errors say what they say; Foundation's file errors ("The
    /// operation could not be completed", "NSCocoaErrorDomain error 512", a full NSError dump)
    /// become the path and the cause in plain words.
    static func message(for error: Error) -> String {
        let ns = error as NSError
        let text: String
        if ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain {
            let path = ns.userInfo[NSFilePathErrorKey] as? String ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path ?? "a file"
            text = FileSystemError(path: path, error: error).description
        } else {
            text = "\(error)"
        }
        return oneLine(text)
    }

    /// `text` on one line: line breaks and other control characters (a file name may hold them)
    /// written as escapes.
    static func oneLine(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.unicodeScalars.map { scalar in
            switch scalar {
            case "\n": "\\n"
            case "\r": "\\r"
            case "\t": "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: String(format: "\\x%02x", scalar.value)
            default: String(scalar)
            }
        }.joined()
    }
}
