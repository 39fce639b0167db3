import Foundation
import XMP

/// Property (c): a merge into a packet that parses keeps every node outside AutoTone's own
/// top-level properties (same multiset of path, namespace, name and value), and only adds
/// declarations of the namespaces it writes.
enum PreservationCheck {
    static func run(_ input: SidecarFuzzInput) throws {
        guard let existing = input.existing else { return }
        let merged: Data
        do {
            merged = try SidecarMerger.merge(input.content, into: existing, source: "fuzz")
        } catch is SidecarWriteError {
            return
        }
        guard let before = NodeInventory(existing) else {
            throw PropertyViolation("the merge accepted a packet libxml2 alone does not parse")
        }
        guard let after = NodeInventory(merged) else {
            throw PropertyViolation("the merged packet does not parse")
        }
        let lost = before.nodes.filter { after.nodes[$0.key, default: 0] < $0.value }.keys.sorted()
        let gained = after.nodes.filter { before.nodes[$0.key, default: 0] < $0.value }.keys.sorted()
        guard lost.isEmpty, gained.isEmpty else {
            throw PropertyViolation("merge changed nodes it does not own; lost: \(lost), gained: \(gained)")
        }
        let lostDeclarations = before.declarations.filter { after.declarations[$0.key, default: 0] < $0.value }.keys
        guard lostDeclarations.isEmpty else {
            throw PropertyViolation("merge dropped namespace declarations: \(lostDeclarations.sorted())")
        }
        for (declaration, count) in after.declarations where before.declarations[declaration, default: 0] < count {
            guard OwnedByAutoTone.namespaces.contains(where: { declaration.hasSuffix("=" + $0) }) else {
                throw PropertyViolation("merge declared a namespace it does not write: \(declaration)")
            }
        }
    }
}
