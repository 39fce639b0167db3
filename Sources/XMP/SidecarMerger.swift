import CXML2
import Foundation

/// Builds sidecar bytes: a new sidecar shaped like Lightroom's, or an existing one with only
/// AutoTone's values changed.
///
/// A merge edits bytes, not a re-serialised tree: libxml2 finds the file's top-level
/// properties, `XMLTagScanner` says where they are written, and only those byte ranges change
/// (a value replaced, an attribute or element inserted next to its siblings with the same
/// indentation). Everything else (other namespaces, masks and their digests, comments, quote
/// style, attribute layout, `<?xpacket?>` padding) stays byte for byte. The result is parsed
/// again and must read back exactly the values written, or nothing is returned.
public enum SidecarMerger {
    /// The bytes of a new sidecar holding `content`.
    public static func newSidecar(_ content: SidecarContent) throws -> Data {
        let needsAutoTone = !content.autoToneProperties.isEmpty
        let toolkit = escape(content.toolkit, quote: UInt8(ascii: "\""))
        let template = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="\(toolkit)">
             <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about=""
                xmlns:xmp="\(XMPNamespace.xmp)"
                xmlns:photoshop="\(XMPNamespace.photoshop)"
                xmlns:crs="\(XMPNamespace.cameraRawSettings)"\(needsAutoTone ? "\n    xmlns:autotone=\"\(XMPNamespace.autoTone)\"" : "")/>
             </rdf:RDF>
            </x:xmpmeta>

            """
        return try merge(content, into: Data(template.utf8), source: content.rawFileName + " (new sidecar)")
    }

    /// `existing` with `content` merged in; `source` names the file in errors.
    ///
    /// Throws `SidecarWriteError.existingUnreadable` when `existing` is not a readable XMP
    /// packet, `.cannotMerge` when it cannot be changed safely.
    public static func merge(
        _ content: SidecarContent, into existing: Data, source: String, limits: XMLParseLimits = .default
    ) throws -> Data {
        for key in content.autoToneProperties.keys where !SidecarContent.isValidPropertyName(key) {
            throw SidecarWriteError.invalidPropertyName(key)
        }
        let document: SafeXMLDocument
        let properties: TopLevelProperties
        do {
            document = try SafeXMLDocument.parse(existing, source: source, limits: limits)
            properties = try TopLevelProperties(document: document)
        } catch let error as XMPReadError {
            throw SidecarWriteError.existingUnreadable(path: source, error: error)
        }
        guard !properties.descriptions.isEmpty else {
            throw SidecarWriteError.cannotMerge(path: source, reason: "rdf:RDF holds no rdf:Description")
        }
        let bytes = [UInt8](existing)
        let layout = try Layout(document: document, bytes: bytes, source: source)
        var edits = TextEdits()
        var declared: [xmlNodePtr: [String: String]] = [:]  // description → uri → new prefix

        let owned = content.ownedProperties(
            existingProcessVersion: properties.value(XMPNamespace.cameraRawSettings, "ProcessVersion"))
        for property in owned {
            let existingOnes = properties.properties.filter { $0.namespace == property.namespace && $0.name == property.name }
            if !existingOnes.isEmpty {
                if property.onlyIfMissing { continue }
                for found in existingOnes {
                    try replace(found, with: property.value, layout: layout, edits: &edits, source: source)
                }
                continue
            }
            let target = targetDescription(for: property.namespace, in: properties)
            let prefix = try prefixFor(property.namespace, on: target, document: document, declared: &declared,
                                       layout: layout, edits: &edits)
            let qname = prefix + ":" + property.name
            let element = layout.element(target)
            if usesElementForm(target, namespace: property.namespace, in: properties),
                let lastChild = target.childElements.last
            {
                let child = layout.element(lastChild)
                let indent = String(decoding: bytes[child.leadingWhitespace], as: UTF8.self)
                let after = child.endTag?.upperBound ?? child.startTag.upperBound
                let text = (indent.isEmpty ? "\n" : indent) + "<\(qname)>\(escape(property.value, quote: nil))</\(qname)>"
                edits.insert(text, at: after)
            } else {
                let quote = layout.quote(of: element)
                let q = String(UnicodeScalar(quote))
                edits.insert(
                    layout.attributeIndent(of: element) + qname + "=" + q + escape(property.value, quote: quote) + q,
                    at: element.startTagClose)
            }
        }

        let result = Data(edits.apply(to: bytes))
        try verify(result, holds: owned, source: source, limits: limits)
        return result
    }

    // MARK: - Where things go

    /// The description a new property of `namespace` goes into: the first one already holding
    /// that namespace, else the first holding `crs:` properties, else the first.
    private static func targetDescription(for namespace: String, in properties: TopLevelProperties) -> XMLElementRef {
        let byNamespace = properties.properties.first { $0.namespace == namespace }
        let byCRS = properties.properties.first { $0.namespace == XMPNamespace.cameraRawSettings }
        for candidate in [byNamespace, byCRS] {
            if let found = candidate { return description(of: found) }
        }
        return properties.descriptions[0]
    }

    private static func description(of property: TopLevelProperties.Property) -> XMLElementRef {
        switch property.location {
        case .attribute(let d, _), .element(let d, _): return d
        }
    }

    /// True when `description` writes its `namespace` properties (or, with none, all its
    /// properties) as elements, as ExifTool does; then a new property is added as an element.
    private static func usesElementForm(
        _ description: XMLElementRef, namespace: String, in properties: TopLevelProperties
    ) -> Bool {
        let mine = properties.properties.filter { self.description(of: $0).node == description.node }
        let sameNamespace = mine.filter { $0.namespace == namespace }
        let considered = sameNamespace.isEmpty ? mine : sameNamespace
        guard !considered.isEmpty else { return false }
        return considered.allSatisfy {
            if case .element = $0.location { return true }
            return false
        }
    }

    /// A prefix bound to `namespace` on `description`, declaring one when none is in scope (never
    /// a prefix that names below use unbound, which the declaration would capture).
    private static func prefixFor(
        _ namespace: String, on description: XMLElementRef, document: SafeXMLDocument,
        declared: inout [xmlNodePtr: [String: String]], layout: Layout, edits: inout TextEdits
    ) throws -> String {
        if let pending = declared[description.node]?[namespace] { return pending }
        if let ns = xmlSearchNsByHref(document.doc, description.node, namespace), let prefix = ns.pointee.prefix {
            return String(cString: prefix)
        }
        let base = XMPNamespace.preferredPrefix[namespace] ?? "ns"
        let taken = Set(declared[description.node]?.values.map { $0 } ?? []).union(description.unboundPrefixes)
        var candidate = base
        var counter = 1
        while xmlSearchNs(document.doc, description.node, candidate) != nil || taken.contains(candidate) {
            candidate = base + String(counter)
            counter += 1
        }
        declared[description.node, default: [:]][namespace] = candidate
        // Next to the other declarations when there are some (Lightroom lists them first).
        let element = layout.element(description)
        let quote = layout.quote(of: element)
        let q = String(UnicodeScalar(quote))
        let declaration = "xmlns:\(candidate)=" + q + escape(namespace, quote: quote) + q
        if let lastDeclaration = element.attributes.last(where: { $0.qualifiedName.hasPrefix("xmlns") }) {
            edits.insert(layout.whitespace(lastDeclaration.leadingWhitespace) + declaration, at: lastDeclaration.range.upperBound)
        } else {
            edits.insert(layout.attributeIndent(of: element) + declaration, at: element.startTagClose)
        }
        return candidate
    }

    /// Replaces the value of an existing top-level property where it is written.
    private static func replace(
        _ property: TopLevelProperties.Property, with value: String, layout: Layout, edits: inout TextEdits,
        source: String
    ) throws {
        switch property.location {
        case .attribute(let description, let attribute):
            let element = layout.element(description)
            let qname = layout.qualifiedName(of: attribute)
            guard let scanned = element.attributes.first(where: { $0.qualifiedName == qname }) else {
                throw SidecarWriteError.cannotMerge(path: source, reason: "attribute \(qname) not found in the text")
            }
            edits.replace(scanned.valueRange, with: escape(value, quote: scanned.quote))
        case .element(_, let child):
            guard property.value != nil else {
                throw SidecarWriteError.cannotMerge(
                    path: source, reason: "\(child.qualifiedName) is a structure, not a value AutoTone can set")
            }
            let scanned = layout.element(child)
            if let endTag = scanned.endTag {
                edits.replace(scanned.startTag.upperBound..<endTag.lowerBound, with: escape(value, quote: nil))
            } else {
                // `<crs:X/>` (empty value): write it out with start and end tags.
                let close = scanned.startTagClose
                edits.replace(close..<scanned.startTag.upperBound,
                              with: ">" + escape(value, quote: nil) + "</\(scanned.qualifiedName)>")
            }
        }
    }

    /// Parses the result and checks every owned value reads back as written.
    private static func verify(
        _ data: Data, holds owned: [SidecarContent.Owned], source: String, limits: XMLParseLimits
    ) throws {
        do {
            let document = try SafeXMLDocument.parse(data, source: source, limits: limits)
            let properties = try TopLevelProperties(document: document)
            for property in owned {
                let values = properties.properties
                    .filter { $0.namespace == property.namespace && $0.name == property.name }
                    .map(\.value)
                guard !values.isEmpty, property.onlyIfMissing || values.allSatisfy({ $0 == property.value }) else {
                    throw SidecarWriteError.cannotMerge(
                        path: source, reason: "\(property.name) did not read back as \"\(property.value)\"")
                }
            }
        } catch let error as XMPReadError {
            throw SidecarWriteError.cannotMerge(path: source, reason: "result does not parse: \(error)")
        }
    }

    /// `text` escaped for an attribute quoted with `quote`, or for element content (nil).
    static func escape(_ text: String, quote: UInt8?) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quote == UInt8(ascii: "\""): result += "&quot;"
            case "'" where quote == UInt8(ascii: "'"): result += "&apos;"
            case "\n" where quote != nil: result += "&#xA;"
            case "\r": result += "&#xD;"
            case "\t" where quote != nil: result += "&#x9;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension SidecarMerger {
    /// libxml2's elements matched to their scanned byte positions.
    struct Layout {
        private let scanned: [XMLTagScanner.Element]
        private let index: [xmlNodePtr: Int]
        private let bytes: [UInt8]

        init(document: SafeXMLDocument, bytes: [UInt8], source: String) throws {
            do {
                scanned = try XMLTagScanner.scan(bytes)
            } catch let error as XMLTagScanner.ScanError {
                throw SidecarWriteError.cannotMerge(path: source, reason: "at byte \(error.offset): \(error.message)")
            }
            self.bytes = bytes
            var order: [XMLElementRef] = []
            if let root = document.root {
                var stack = [root]
                while let element = stack.popLast() {
                    order.append(element)
                    stack.append(contentsOf: element.childElements.reversed())
                }
            }
            guard order.count == scanned.count,
                zip(order, scanned).allSatisfy({ $0.qualifiedName == $1.qualifiedName })
            else {
                throw SidecarWriteError.cannotMerge(path: source, reason: "could not locate the elements in the text")
            }
            var index: [xmlNodePtr: Int] = [:]
            for (i, element) in order.enumerated() { index[element.node] = i }
            self.index = index
        }

        func element(_ element: XMLElementRef) -> XMLTagScanner.Element {
            scanned[index[element.node]!]  // every element of the document was indexed in init
        }

        func qualifiedName(of attribute: XMLAttributeRef) -> String {
            if let prefix = attribute.attr.pointee.ns?.pointee.prefix {
                return String(cString: prefix) + ":" + attribute.localName
            }
            return attribute.localName
        }

        /// Whitespace to put before a new attribute: the last attribute's, else a space.
        func attributeIndent(of element: XMLTagScanner.Element) -> String {
            guard let last = element.attributes.last else { return " " }
            return whitespace(last.leadingWhitespace)
        }

        /// The quote character the element's attributes use (`"` when it has none).
        func quote(of element: XMLTagScanner.Element) -> UInt8 {
            element.attributes.last?.quote ?? UInt8(ascii: "\"")
        }

        /// The whitespace at `range`, or a space when there is none.
        func whitespace(_ range: Range<Int>) -> String {
            let text = String(decoding: bytes[range], as: UTF8.self)
            return text.isEmpty ? " " : text
        }
    }
}
