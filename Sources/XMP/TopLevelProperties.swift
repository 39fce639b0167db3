/// The file's own XMP properties: those directly on an `rdf:Description` that is a direct
/// child of `rdf:RDF`, in attribute or element form.
///
/// Structs such as `crs:Look` or masks reuse names (`crs:Version`, `crs:Exposure2012`…) in
/// nested `rdf:Description`s; those are deliberately not visited, so they never count as the
/// file's settings.
struct TopLevelProperties {
    /// Where and how a property is stored.
    enum Location {
        case attribute(description: XMLElementRef, attribute: XMLAttributeRef)
        case element(description: XMLElementRef, element: XMLElementRef)
    }

    /// One top-level property. `value` is nil for a struct or array (not a simple value).
    struct Property {
        let namespace: String
        let name: String
        let value: String?
        let location: Location
    }

    /// The `rdf:Description` elements directly under `rdf:RDF`, in order.
    let descriptions: [XMLElementRef]
    /// All top-level properties, in document order.
    let properties: [Property]

    /// Finds `rdf:RDF` under the root (`x:xmpmeta`, legacy `x:xapmeta`, or `rdf:RDF` itself).
    init(document: SafeXMLDocument) throws {
        guard let root = document.root else {
            throw XMPReadError.notXMP(path: document.source, reason: "no root element")
        }
        let rdf: XMLElementRef
        if root.isElement(XMPNamespace.rdf, "RDF") {
            rdf = root
        } else if root.isElement(XMPNamespace.meta, "xmpmeta") || root.isElement(XMPNamespace.meta, "xapmeta") {
            guard let found = root.childElements.first(where: { $0.isElement(XMPNamespace.rdf, "RDF") }) else {
                throw XMPReadError.notXMP(path: document.source, reason: "x:xmpmeta holds no rdf:RDF")
            }
            rdf = found
        } else {
            throw XMPReadError.notXMP(
                path: document.source, reason: "root element is <\(root.qualifiedName)>, not x:xmpmeta or rdf:RDF")
        }
        descriptions = rdf.childElements.filter { $0.isElement(XMPNamespace.rdf, "Description") }
        var found: [Property] = []
        for description in descriptions {
            for attribute in description.attributes {
                guard let ns = attribute.namespaceURI, ns != XMPNamespace.rdf, ns != XMPNamespace.xml else { continue }
                found.append(Property(
                    namespace: ns, name: attribute.localName, value: attribute.value,
                    location: .attribute(description: description, attribute: attribute)))
            }
            for element in description.childElements {
                guard let ns = element.namespaceURI else { continue }
                found.append(Property(
                    namespace: ns, name: element.localName, value: Self.simpleValue(of: element),
                    location: .element(description: description, element: element)))
            }
        }
        properties = found
    }

    /// The first top-level property `namespace:name`.
    func first(_ namespace: String, _ name: String) -> Property? {
        properties.first { $0.namespace == namespace && $0.name == name }
    }

    /// The first simple value of `namespace:name`.
    func value(_ namespace: String, _ name: String) -> String? {
        properties.first { $0.namespace == namespace && $0.name == name && $0.value != nil }?.value
    }

    /// Text of an element-form property, or nil when it is a struct, array or resource.
    private static func simpleValue(of element: XMLElementRef) -> String? {
        if element.hasChildElements { return nil }
        for attribute in element.attributes where attribute.namespaceURI == XMPNamespace.rdf {
            switch attribute.localName {
            case "parseType": return nil
            case "resource": return attribute.value
            default: continue
            }
        }
        return element.text
    }
}
