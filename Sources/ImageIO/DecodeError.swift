import Foundation

/// Why a photo could not be decoded. Every case names the file, so one line in a batch summary
/// says what went wrong and where.
public enum DecodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing exists at the path.
    case fileNotFound(path: String)
    /// The path exists but is a directory or another non-regular file.
    case notAFile(path: String)
    /// The file is empty.
    case emptyFile(path: String)
    /// Neither LibRaw nor libjpeg recognises the format. `hint` names what the bytes look like
    /// when that is recognisable (for example a JPEG with a RAW extension).
    case unsupportedFormat(path: String, hint: String?)
    /// The format is recognised but the data is damaged or cut short.
    case corruptData(path: String, detail: String)
    /// Reading the file failed (permissions, I/O error).
    case ioError(path: String, detail: String)
    /// The image would need more memory than allowed, or the decoder ran out.
    case outOfMemory(path: String, detail: String)
    /// The decode took longer than `DecodeLimits.seconds` and was cancelled during `step`.
    case timedOut(path: String, seconds: Double, step: String)
    /// The decoder failed for another reason; `code` is the library's own code.
    case decoderFailure(path: String, code: Int32, detail: String)

    /// The file the error is about.
    public var path: String {
        switch self {
        case .fileNotFound(let path), .notAFile(let path), .emptyFile(let path),
             .unsupportedFormat(let path, _), .corruptData(let path, _), .ioError(let path, _),
             .outOfMemory(let path, _), .timedOut(let path, _, _), .decoderFailure(let path, _, _):
            return path
        }
    }

    public var description: String {
        switch self {
        case .fileNotFound(let path): return "\(path): no such file"
        case .notAFile(let path): return "\(path): not a regular file"
        case .emptyFile(let path): return "\(path): the file is empty"
        case .unsupportedFormat(let path, let hint):
            return "\(path): not a RAW or JPEG format that can be decoded" + (hint.map { " (\($0))" } ?? "")
        case .corruptData(let path, let detail): return "\(path): corrupt or truncated image data: \(detail)"
        case .ioError(let path, let detail): return "\(path): cannot read the file: \(detail)"
        case .outOfMemory(let path, let detail): return "\(path): out of memory: \(detail)"
        case .timedOut(let path, let seconds, let step):
            return "\(path): gave up after \(seconds) s during \(step) (damaged data can make a decode run for very long)"
        case .decoderFailure(let path, let code, let detail): return "\(path): decoder error \(code): \(detail)"
        }
    }
}
