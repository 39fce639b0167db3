extension String {
    /// The string without leading and trailing XML whitespace (space, tab, CR, LF).
    ///
    /// Kept local so the module needs no Foundation for this and trims exactly what XML calls
    /// whitespace, nothing more.
    func trimmingXMLWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
