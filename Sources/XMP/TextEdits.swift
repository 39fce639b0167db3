/// Replacements and insertions in a byte buffer, applied in one pass.
///
/// Edits refer to the original positions; insertions at the same position keep the order in
/// which they were added. Overlapping replacements are a programming error upstream (each
/// property is written once), so they are kept apart by construction, not checked here.
struct TextEdits {
    private struct Edit {
        let range: Range<Int>
        let text: [UInt8]
        let sequence: Int
    }

    private var edits: [Edit] = []

    mutating func replace(_ range: Range<Int>, with text: String) {
        edits.append(Edit(range: range, text: Array(text.utf8), sequence: edits.count))
    }

    mutating func insert(_ text: String, at position: Int) {
        replace(position..<position, with: text)
    }

    func apply(to bytes: [UInt8]) -> [UInt8] {
        let ordered = edits.sorted { ($0.range.lowerBound, $0.sequence) < ($1.range.lowerBound, $1.sequence) }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + ordered.reduce(0) { $0 + $1.text.count })
        var position = 0
        for edit in ordered {
            result.append(contentsOf: bytes[position..<edit.range.lowerBound])
            result.append(contentsOf: edit.text)
            position = edit.range.upperBound
        }
        result.append(contentsOf: bytes[position...])
        return result
    }
}
