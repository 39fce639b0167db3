/// Byte positions of every element's tags and attributes in a document libxml2 has already
/// accepted as well-formed.
///
/// libxml2's tree knows what the document says but not where; the merging writer needs
/// "where" so it can change a value by replacing just those bytes and keep the rest of a
/// photographer's sidecar byte for byte (attribute layout, quotes, padding, comments).
/// The scan is only run on documents libxml2 parsed without a DOCTYPE, so the grammar it must
/// follow is small: comments, processing instructions, CDATA, start/end tags, text.
struct XMLTagScanner {
    /// One attribute (or namespace declaration) inside a start tag.
    struct Attribute {
        /// `prefix:name` as written.
        let qualifiedName: String
        /// From the first byte of the name to the closing quote, inclusive.
        let range: Range<Int>
        /// Between the quotes.
        let valueRange: Range<Int>
        /// `"` or `'`.
        let quote: UInt8
        /// The whitespace written before the name (its indentation).
        let leadingWhitespace: Range<Int>
    }

    /// One element, in document order of start tags (the order of a pre-order tree walk).
    struct Element {
        let qualifiedName: String
        /// `<` … `>` of the start tag.
        let startTag: Range<Int>
        /// Position of `/>` or `>` that closes the start tag (where attributes can be inserted).
        let startTagClose: Int
        let isSelfClosing: Bool
        let attributes: [Attribute]
        /// The whitespace written just before the start tag.
        let leadingWhitespace: Range<Int>
        /// `</…>`, nil when self-closing.
        var endTag: Range<Int>?
    }

    struct ScanError: Error {
        let offset: Int
        let message: String
    }

    /// Every element in document order.
    static func scan(_ bytes: [UInt8]) throws -> [Element] {
        var elements: [Element] = []
        var open: [Int] = []
        var i = 0
        let n = bytes.count

        func starts(_ literal: String, at position: Int) -> Bool {
            let l = Array(literal.utf8)
            return position + l.count <= n && Array(bytes[position..<position + l.count]) == l
        }
        func find(_ literal: String, from position: Int) throws -> Int {
            let l = Array(literal.utf8)
            var p = position
            while p + l.count <= n {
                if bytes[p] == l[0] && Array(bytes[p..<p + l.count]) == l { return p }
                p += 1
            }
            throw ScanError(offset: position, message: "unterminated construct, expected \(literal)")
        }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        func isNameByte(_ b: UInt8) -> Bool {
            !isSpace(b) && b != UInt8(ascii: "=") && b != UInt8(ascii: ">") && b != UInt8(ascii: "/")
                && b != UInt8(ascii: "<") && b != UInt8(ascii: "\"") && b != UInt8(ascii: "'")
        }
        func whitespaceBefore(_ position: Int) -> Range<Int> {
            var s = position
            while s > 0 && isSpace(bytes[s - 1]) { s -= 1 }
            return s..<position
        }
        func name(from position: Int) -> (String, Int) {
            var e = position
            while e < n && isNameByte(bytes[e]) { e += 1 }
            return (String(decoding: bytes[position..<e], as: UTF8.self), e)
        }

        while i < n {
            guard bytes[i] == UInt8(ascii: "<") else {
                i += 1
                continue
            }
            if starts("<!--", at: i) {
                i = try find("-->", from: i + 4) + 3
            } else if starts("<![CDATA[", at: i) {
                i = try find("]]>", from: i + 9) + 3
            } else if starts("<?", at: i) {
                i = try find("?>", from: i + 2) + 2
            } else if starts("<!", at: i) {
                throw ScanError(offset: i, message: "declaration not allowed")
            } else if starts("</", at: i) {
                let close = try find(">", from: i + 2)
                guard let index = open.popLast() else { throw ScanError(offset: i, message: "unmatched end tag") }
                elements[index].endTag = i..<(close + 1)
                i = close + 1
            } else {
                let tagStart = i
                let (qname, afterName) = name(from: i + 1)
                guard !qname.isEmpty else { throw ScanError(offset: i, message: "element without a name") }
                var p = afterName
                var attributes: [Attribute] = []
                var selfClosing = false
                var closeAt = -1
                while p < n {
                    let wsStart = p
                    while p < n && isSpace(bytes[p]) { p += 1 }
                    guard p < n else { break }
                    if bytes[p] == UInt8(ascii: ">") {
                        closeAt = p
                        break
                    }
                    if bytes[p] == UInt8(ascii: "/") && p + 1 < n && bytes[p + 1] == UInt8(ascii: ">") {
                        closeAt = p
                        selfClosing = true
                        break
                    }
                    let (attrName, afterAttrName) = name(from: p)
                    guard !attrName.isEmpty else { throw ScanError(offset: p, message: "bad attribute") }
                    var q = afterAttrName
                    while q < n && isSpace(bytes[q]) { q += 1 }
                    guard q < n, bytes[q] == UInt8(ascii: "=") else { throw ScanError(offset: q, message: "expected =") }
                    q += 1
                    while q < n && isSpace(bytes[q]) { q += 1 }
                    guard q < n, bytes[q] == UInt8(ascii: "\"") || bytes[q] == UInt8(ascii: "'") else {
                        throw ScanError(offset: q, message: "expected a quote")
                    }
                    let quote = bytes[q]
                    var end = q + 1
                    while end < n && bytes[end] != quote { end += 1 }
                    guard end < n else { throw ScanError(offset: q, message: "unterminated attribute value") }
                    attributes.append(Attribute(
                        qualifiedName: attrName, range: p..<(end + 1), valueRange: (q + 1)..<end, quote: quote,
                        leadingWhitespace: wsStart..<p))
                    p = end + 1
                }
                guard closeAt >= 0 else { throw ScanError(offset: tagStart, message: "unterminated start tag") }
                let tagEnd = selfClosing ? closeAt + 2 : closeAt + 1
                elements.append(Element(
                    qualifiedName: qname, startTag: tagStart..<tagEnd, startTagClose: closeAt,
                    isSelfClosing: selfClosing, attributes: attributes,
                    leadingWhitespace: whitespaceBefore(tagStart), endTag: nil))
                if !selfClosing { open.append(elements.count - 1) }
                i = tagEnd
            }
        }
        guard open.isEmpty else { throw ScanError(offset: n, message: "unclosed element") }
        return elements
    }
}
