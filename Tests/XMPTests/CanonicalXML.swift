import Foundation
import XCTest

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import XMP

/// An independent view of a document (Foundation's XML parser, not the module's code) with the
/// properties AutoTone owns removed, so "before" and "after" a merge can be compared.
enum CanonicalXML {
    /// Local names AutoTone may set (any namespace of crs/xmp/photoshop), and its own namespace.
    static let ownedNames: Set<String> = Set(SettingDescriptor.standard.map(\.name)).union([
        "HasSettings", "AlreadyApplied", "ProcessVersion", "Version", "RawFileName", "HDREditMode",
        "SidecarForExtension", "MetadataDate",
    ])
    static let ownedNamespaces: Set<String> = [
        XMPNamespace.cameraRawSettings, XMPNamespace.xmp, XMPNamespace.photoshop,
    ]

    /// C14N (with comments) of `data` after removing owned top-level properties, `autotone:`
    /// properties and declarations, and whitespace-only text.
    static func withoutOwnedProperties(_ data: Data) throws -> String {
        let document = try XMLDocument(data: data, options: [.nodePreserveAll])
        guard let root = document.rootElement() else { throw CocoaError(.fileReadCorruptFile) }
        let rdf = root.localName == "RDF" ? root : root.elements(forLocalName: "RDF", uri: XMPNamespace.rdf).first
        for description in rdf?.elements(forLocalName: "Description", uri: XMPNamespace.rdf) ?? [] {
            for attribute in description.attributes ?? [] where isOwned(attribute) {
                description.removeAttribute(forName: attribute.name ?? "")
            }
            for child in description.children ?? [] where child.kind == .element && isOwned(child) {
                child.detach()
            }
            for namespace in description.namespaces ?? [] where namespace.stringValue == XMPNamespace.autoTone {
                description.removeNamespace(forPrefix: namespace.name ?? "")
            }
        }
        removeWhitespaceText(root)
        return root.canonicalXMLStringPreservingComments(true)
    }

    private static func isOwned(_ node: XMLNode) -> Bool {
        guard let uri = node.uri else { return false }
        if uri == XMPNamespace.autoTone { return true }
        return ownedNamespaces.contains(uri) && ownedNames.contains(node.localName ?? "")
    }

    private static func removeWhitespaceText(_ node: XMLNode) {
        for child in node.children ?? [] {
            if child.kind == .text, (child.stringValue ?? "").allSatisfy({ $0.isWhitespace }) {
                child.detach()
            } else {
                removeWhitespaceText(child)
            }
        }
    }

    /// The lines of `data` that mention no owned property, no declaration of an owned namespace
    /// and nothing of AutoTone's: a merge must leave them exactly as they were, in order. An
    /// attribute line loses its closing `>`/`/>`, since new attributes go before it.
    static func untouchedLines(_ data: Data) -> [String] {
        let ownedURIs = ownedNamespaces.union([XMPNamespace.autoTone])
        return String(decoding: data, as: UTF8.self).components(separatedBy: "\n").filter { line in
            !ownedURIs.contains { line.contains("xmlns:") && line.contains("\"\($0)\"") }
                && !line.contains("autotone")
                && !ownedNames.contains { line.contains(":" + $0 + "=") || line.contains(":" + $0 + ">") }
        }.map { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard !trimmed.hasPrefix("<") else { return line }
            if line.hasSuffix("/>") { return String(line.dropLast(2)) }
            if line.hasSuffix(">") { return String(line.dropLast()) }
            return line
        }
    }
}
