import CXML2
import Foundation

/// libxml2's global set-up, done once before the first parse (it is not safe to race it).
private let libxml2Ready: Bool = {
    xmlInitParser()
    return true
}()

/// A libxml2 document parsed with every network, DTD and entity feature off.
///
/// Hostile input is stopped before libxml2 sees it where that is cheap and certain (size,
/// encoding, any `<!DOCTYPE`/`<!ENTITY`), and by libxml2's options and our depth check after:
/// no network (`XML_PARSE_NONET`), no DTD loading or entity substitution (neither
/// `XML_PARSE_DTDLOAD` nor `XML_PARSE_NOENT` is set), no `XML_PARSE_HUGE`. The document is
/// freed when this object goes away; node pointers never leave the module.
final class SafeXMLDocument {
    let doc: xmlDocPtr
    /// The bytes that were parsed (kept so a writer can reuse the text around the root).
    let data: Data
    let source: String

    private init(doc: xmlDocPtr, data: Data, source: String) {
        self.doc = doc
        self.data = data
        self.source = source
    }

    deinit { xmlFreeDoc(doc) }

    /// The root element.
    var root: XMLElementRef? {
        xmlDocGetRootElement(doc).map(XMLElementRef.init)
    }

    /// Parses `data`, calling it `source` in errors.
    static func parse(_ data: Data, source: String, limits: XMLParseLimits) throws -> SafeXMLDocument {
        guard data.count <= limits.maxBytes else {
            throw XMPReadError.tooLarge(path: source, bytes: data.count, limit: limits.maxBytes)
        }
        try checkEncoding(data, source: source)
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!ENTITY".utf8)) != nil {
            throw XMPReadError.doctypeNotAllowed(path: source)
        }
        guard data.count <= Int(Int32.max) else {
            throw XMPReadError.tooLarge(path: source, bytes: data.count, limit: Int(Int32.max))
        }
        _ = libxml2Ready
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        guard let context = xmlNewParserCtxt() else {
            throw XMPReadError.unreadable(path: source, reason: "libxml2 could not allocate a parser")
        }
        defer { xmlFreeParserCtxt(context) }
        let parsed: xmlDocPtr? = data.withUnsafeBytes { raw in
            let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self)
            return xmlCtxtReadMemory(context, base, Int32(raw.count), nil, "UTF-8", options)
        }
        guard let doc = parsed, context.pointee.wellFormed != 0 else {
            if let parsed { xmlFreeDoc(parsed) }
            throw lastError(context, source: source)
        }
        let document = SafeXMLDocument(doc: doc, data: data, source: source)
        if doc.pointee.intSubset != nil || doc.pointee.extSubset != nil {
            throw XMPReadError.doctypeNotAllowed(path: source)
        }
        if let root = document.root, root.maxDepth(stoppingAfter: limits.maxDepth) > limits.maxDepth {
            throw XMPReadError.tooDeep(path: source, limit: limits.maxDepth)
        }
        return document
    }

    /// Reads at most `limits.maxBytes` from a regular file, without following it into devices
    /// or FIFOs (which could block or never end).
    static func readFile(_ url: URL, limits: XMLParseLimits) throws -> Data {
        let path = url.path
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw XMPReadError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw XMPReadError.unreadable(path: path, reason: "not a regular file")
        }
        guard Int(info.st_size) <= limits.maxBytes else {
            throw XMPReadError.tooLarge(path: path, bytes: Int(info.st_size), limit: limits.maxBytes)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw XMPReadError.unreadable(path: path, reason: "cannot open for reading")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: limits.maxBytes + 1) ?? Data()
        } catch {
            throw XMPReadError.unreadable(path: path, reason: "\(error)")
        }
        guard data.count <= limits.maxBytes else {
            throw XMPReadError.tooLarge(path: path, bytes: data.count, limit: limits.maxBytes)
        }
        return data
    }

    /// Refuses UTF-16/UTF-32 (by byte-order mark or NUL bytes in the first characters) and
    /// declarations of any other encoding; libxml2 then reads the bytes as UTF-8 and rejects
    /// invalid sequences itself.
    private static func checkEncoding(_ data: Data, source: String) throws {
        let head = [UInt8](data.prefix(256))
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) {
            throw XMPReadError.unsupportedEncoding(path: source, detail: "UTF-16 byte-order mark")
        }
        if head.prefix(4).contains(0) {
            throw XMPReadError.unsupportedEncoding(path: source, detail: "NUL bytes at the start (UTF-16 or UTF-32?)")
        }
        let text = String(decoding: head, as: UTF8.self)
        if text.contains("<?xml"), let range = text.range(of: "encoding=") {
            let rest = text[range.upperBound...].dropFirst()
            let name = rest.prefix { $0 != "\"" && $0 != "'" }.lowercased()
            if name != "utf-8" && name != "utf8" {
                throw XMPReadError.unsupportedEncoding(path: source, detail: "declared encoding \(name)")
            }
        }
    }

    private static func lastError(_ context: xmlParserCtxtPtr, source: String) -> XMPReadError {
        guard let error = xmlCtxtGetLastError(context) else {
            return .malformed(path: source, line: 0, message: "libxml2 gave no document")
        }
        // libxml2's messages may run over lines ("...indicate encoding !\nBytes: 0xE9 ..."): one line each.
        let message = (error.pointee.message.map { String(cString: $0) } ?? "unknown error")
            .split(whereSeparator: \.isNewline).map { String($0).trimmingXMLWhitespace() }.filter { !$0.isEmpty }
            .joined(separator: "; ")
        let code = Int(error.pointee.code)
        if code == Int(XML_ERR_INVALID_ENCODING.rawValue)
            || (code == Int(XML_ERR_INVALID_CHAR.rawValue) && message.contains("UTF-8"))
        {
            let bytes = message.range(of: "Bytes:").map { " (bytes " + String(message[$0.upperBound...]).trimmingXMLWhitespace() + ")" } ?? ""
            return .unsupportedEncoding(path: source, detail: "the text is not valid UTF-8 and declares no other encoding" + bytes)
        }
        if message.contains("Excessive depth") {
            return .tooDeep(path: source, limit: 256)  // libxml2's own limit without XML_PARSE_HUGE
        }
        return .malformed(path: source, line: Int(error.pointee.line), message: message)
    }
}
