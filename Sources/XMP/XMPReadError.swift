/// Why an XMP packet could not be read. Every case names the file (or in-memory source).
public enum XMPReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened or read (missing, permissions, not a regular file).
    case unreadable(path: String, reason: String)
    /// Larger than the parser accepts; real sidecars are kilobytes, a few MB with many masks.
    case tooLarge(path: String, bytes: Int, limit: Int)
    /// Has a DOCTYPE or entity declarations: XMP never needs them, and they are how XML
    /// attacks (external entities, entity expansion) work, so such files are refused unparsed.
    case doctypeNotAllowed(path: String)
    /// Not UTF-8 (the only encoding Lightroom and ExifTool write for sidecars).
    case unsupportedEncoding(path: String, detail: String)
    /// Elements nested deeper than the limit.
    case tooDeep(path: String, limit: Int)
    /// Not well-formed XML, with libxml2's message and line.
    case malformed(path: String, line: Int, message: String)
    /// Well-formed XML, but not an XMP packet (no `x:xmpmeta`/`rdf:RDF`).
    case notXMP(path: String, reason: String)

    /// The file or source the error is about.
    public var path: String {
        switch self {
        case .unreadable(let p, _), .tooLarge(let p, _, _), .doctypeNotAllowed(let p),
            .unsupportedEncoding(let p, _), .tooDeep(let p, _), .malformed(let p, _, _), .notXMP(let p, _):
            return p
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let p, let reason): return "\(p): cannot read XMP: \(reason)"
        case .tooLarge(let p, let bytes, let limit):
            return "\(p): XMP is \(bytes) bytes, more than the \(limit)-byte limit"
        case .doctypeNotAllowed(let p):
            return "\(p): XMP with a DOCTYPE or entity declarations is refused (XMP never needs one)"
        case .unsupportedEncoding(let p, let detail): return "\(p): XMP is not UTF-8 (\(detail))"
        case .tooDeep(let p, let limit): return "\(p): XML nested deeper than \(limit) levels"
        case .malformed(let p, let line, let message): return "\(p):\(line): malformed XML: \(message)"
        case .notXMP(let p, let reason): return "\(p): not an XMP packet: \(reason)"
        }
    }
}
