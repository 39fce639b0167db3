import CXML2
import Foundation
import XMP

/// Every node of a document as a multiset of strings (ancestor path, kind, namespace, name,
/// value), leaving out the top-level properties AutoTone owns and whitespace-only text.
///
/// Namespace declarations are kept apart: a merge may add some, never remove one.
struct NodeInventory {
    var nodes: [String: Int] = [:]
    var declarations: [String: Int] = [:]

    /// Nil when libxml2 does not parse `data` (the caller only passes what the merger accepted).
    init?(_ data: Data) {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let parsed = data.withUnsafeBytes { raw in
            xmlReadMemory(raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(raw.count), nil, "UTF-8", options)
        }
        guard let doc = parsed else { return nil }
        defer { xmlFreeDoc(doc) }
        // Iterative walk: fuzzed documents may be deep.
        var stack: [(node: xmlNodePtr, path: String, parentIsTopLevelDescription: Bool)] = []
        var child = doc.pointee.children
        while let c = child {
            stack.append((c, "", false))
            child = c.pointee.next
        }
        while let (node, path, parentIsTopLevelDescription) = stack.popLast() {
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                let name = Self.name(node.pointee.ns, node.pointee.name)
                if parentIsTopLevelDescription, Self.isOwned(node.pointee.ns, node.pointee.name) { continue }
                let here = path + "/" + name
                var ns = node.pointee.nsDef
                while let n = ns {
                    declarations["\(here) xmlns:\(Self.string(n.pointee.prefix))=\(Self.string(n.pointee.href))", default: 0] += 1
                    ns = n.pointee.next
                }
                let isTopLevelDescription = Self.isTopLevelDescription(node)
                var attribute = node.pointee.properties
                while let a = attribute {
                    defer { attribute = a.pointee.next }
                    if isTopLevelDescription, Self.isOwned(a.pointee.ns, a.pointee.name) { continue }
                    var value = ""
                    var text = a.pointee.children
                    while let t = text {
                        value += Self.string(t.pointee.content)
                        text = t.pointee.next
                    }
                    nodes["\(here) @\(Self.name(a.pointee.ns, a.pointee.name))=\(value)", default: 0] += 1
                }
                nodes["\(here) element", default: 0] += 1
                var c = node.pointee.children
                while let n = c {
                    stack.append((n, here, isTopLevelDescription))
                    c = n.pointee.next
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                let text = Self.string(node.pointee.content)
                if !text.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
                    nodes["\(path) text \(text)", default: 0] += 1
                }
            case XML_COMMENT_NODE:
                nodes["\(path) comment \(Self.string(node.pointee.content))", default: 0] += 1
            case XML_PI_NODE:
                nodes["\(path) pi \(Self.string(node.pointee.name)) \(Self.string(node.pointee.content))", default: 0] += 1
            default:
                nodes["\(path) node type \(node.pointee.type.rawValue)", default: 0] += 1
            }
        }
    }

    /// An `rdf:Description` directly under an `rdf:RDF` that is the root or the root's child.
    private static func isTopLevelDescription(_ node: xmlNodePtr) -> Bool {
        guard isElement(node, XMPNamespace.rdf, "Description"), let rdf = node.pointee.parent,
            rdf.pointee.type == XML_ELEMENT_NODE, isElement(rdf, XMPNamespace.rdf, "RDF")
        else { return false }
        guard let above = rdf.pointee.parent else { return false }
        return above.pointee.type == XML_DOCUMENT_NODE || above.pointee.parent?.pointee.type == XML_DOCUMENT_NODE
    }

    private static func isElement(_ node: xmlNodePtr, _ namespace: String, _ name: String) -> Bool {
        string(node.pointee.name) == name && node.pointee.ns.map { string($0.pointee.href) } == namespace
    }

    private static func isOwned(_ ns: xmlNsPtr?, _ name: UnsafePointer<xmlChar>?) -> Bool {
        guard let ns else { return false }
        return OwnedByAutoTone.contains(namespace: string(ns.pointee.href), name: string(name))
    }

    /// `{uri}name`, so a renamed prefix does not count as a change but a new namespace does.
    private static func name(_ ns: xmlNsPtr?, _ name: UnsafePointer<xmlChar>?) -> String {
        "{\(ns.map { string($0.pointee.href) } ?? "")}\(string(name))"
    }

    private static func string(_ text: UnsafePointer<xmlChar>?) -> String {
        text.map { String(cString: $0) } ?? ""
    }
}
