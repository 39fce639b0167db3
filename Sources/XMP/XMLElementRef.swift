import CXML2

/// A borrowed pointer to an element of a `SafeXMLDocument`, with the few questions the XMP
/// reader and writer ask of it. Valid only while its document is alive; never leaves the module.
struct XMLElementRef {
    let node: xmlNodePtr

    init(_ node: xmlNodePtr) { self.node = node }

    /// Namespace URI, or nil for an element in no namespace.
    var namespaceURI: String? { node.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) } }
    /// Local name (without prefix).
    var localName: String { String(cString: node.pointee.name) }
    /// `prefix:name` as written.
    var qualifiedName: String {
        if let prefix = node.pointee.ns?.pointee.prefix { return String(cString: prefix) + ":" + localName }
        return localName
    }

    func isElement(_ namespace: String, _ name: String) -> Bool {
        localName == name && namespaceURI == namespace
    }

    /// Child elements in document order.
    var childElements: [XMLElementRef] {
        var result: [XMLElementRef] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { result.append(XMLElementRef(c)) }
            child = c.pointee.next
        }
        return result
    }

    /// True when the element has element children (a struct or array, not a simple value).
    var hasChildElements: Bool {
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE { return true }
            child = c.pointee.next
        }
        return false
    }

    /// Concatenated text and CDATA of the direct children.
    var text: String {
        var bytes: [UInt8] = []
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_TEXT_NODE || c.pointee.type == XML_CDATA_SECTION_NODE, let content = c.pointee.content {
                var p = content
                while p.pointee != 0 {
                    bytes.append(p.pointee)
                    p += 1
                }
            }
            child = c.pointee.next
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Attributes in document order: namespace URI, local name, value, and the pointer.
    var attributes: [XMLAttributeRef] {
        var result: [XMLAttributeRef] = []
        var attr = node.pointee.properties
        while let a = attr {
            result.append(XMLAttributeRef(attr: a))
            attr = a.pointee.next
        }
        return result
    }

    /// Prefixes written on names in this subtree that no declaration binds (libxml2 keeps such
    /// a name whole, `xmp:CreatorTool`, in no namespace). Declaring one of them here would give
    /// those names a namespace they never had.
    var unboundPrefixes: Set<String> {
        var result: Set<String> = []
        func note(_ name: UnsafePointer<xmlChar>?) {
            guard let name else { return }
            let text = String(cString: name)
            if let colon = text.firstIndex(of: ":") { result.insert(String(text[..<colon])) }
        }
        var stack: [xmlNodePtr] = [node]
        while let n = stack.popLast() {
            if n.pointee.ns == nil { note(n.pointee.name) }
            var attr = n.pointee.properties
            while let a = attr {
                if a.pointee.ns == nil { note(a.pointee.name) }
                attr = a.pointee.next
            }
            var child = n.pointee.children
            while let c = child {
                if c.pointee.type == XML_ELEMENT_NODE { stack.append(c) }
                child = c.pointee.next
            }
        }
        return result
    }

    /// Deepest nesting below and including this element, counting stops once past `limit`.
    ///
    /// Iterative, so a deep hostile document cannot overflow the stack.
    func maxDepth(stoppingAfter limit: Int) -> Int {
        var deepest = 1
        var stack: [(xmlNodePtr, Int)] = [(node, 1)]
        while let (n, depth) = stack.popLast() {
            deepest = max(deepest, depth)
            if deepest > limit { return deepest }
            var child = n.pointee.children
            while let c = child {
                if c.pointee.type == XML_ELEMENT_NODE { stack.append((c, depth + 1)) }
                child = c.pointee.next
            }
        }
        return deepest
    }
}

/// A borrowed pointer to an attribute.
struct XMLAttributeRef {
    let attr: xmlAttrPtr

    var namespaceURI: String? { attr.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) } }
    var localName: String { String(cString: attr.pointee.name) }

    /// The attribute's value (its text children concatenated).
    var value: String {
        var result = ""
        var child = attr.pointee.children
        while let c = child {
            if let content = c.pointee.content { result += String(cString: content) }
            child = c.pointee.next
        }
        return result
    }
}
