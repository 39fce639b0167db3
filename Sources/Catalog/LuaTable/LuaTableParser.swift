/// A strict, bounded reader of the Lua-table literals Lightroom Classic stores develop settings
/// in: `s = { Exposure2012 = 0.35, ProcessVersion = "15.4", ToneCurvePV2012 = { 0, 0, 255, 255, }, }`.
///
/// It reads Lua 5.1–5.4 table-constructor syntax made only of literals — names, `["key"]` and
/// `[1]` keys, positional values, numbers (decimal, exponent, hexadecimal integers), strings in
/// quotes or long brackets with every escape Lua knows, `true`, `false`, `nil`, comments — and
/// nothing else: no expressions, no function calls, no duplicate keys, no trailing text. It never
/// executes anything. Work is linear in the input and bounded by `LuaTableLimits`; every failure
/// is a `LuaTableError` with its line and column.
public struct LuaTableParser: Sendable {
    public var limits: LuaTableLimits

    public init(limits: LuaTableLimits = LuaTableLimits()) {
        self.limits = limits
    }

    /// Parses a whole text: `NAME = {…}`, `return {…}` or `{…}`.
    public func parse(_ text: String) throws(LuaTableError) -> LuaTable {
        try parse(bytes: Array(text.utf8))
    }

    /// Parses UTF-8 bytes (a catalog's text column as stored).
    public func parse(bytes: [UInt8]) throws(LuaTableError) -> LuaTable {
        var scanner = Scanner(bytes: bytes, limits: limits)
        return try scanner.document()
    }
}

/// The parser's state over one input.
private struct Scanner {
    let bytes: [UInt8]
    let limits: LuaTableLimits
    var position = 0
    var depth = 0
    var entries = 0

    init(bytes: [UInt8], limits: LuaTableLimits) {
        self.bytes = bytes
        self.limits = limits
    }

    // MARK: Grammar

    mutating func document() throws(LuaTableError) -> LuaTable {
        guard bytes.count <= limits.maximumBytes else {
            throw LuaTableError(line: 1, column: 1,
                                reason: "the text is \(bytes.count) bytes, more than the \(limits.maximumBytes) allowed")
        }
        try skipSpaceAndComments()
        if let word = peekName() {
            if word == "return" {
                position += word.utf8.count
            } else {
                position += word.utf8.count
                try skipSpaceAndComments()
                guard peek() == UInt8(ascii: "=") else { throw failure("expected '=' after \(word)") }
                position += 1
            }
            try skipSpaceAndComments()
        }
        guard peek() == UInt8(ascii: "{") else { throw failure("expected a table ('{')") }
        let table = try tableConstructor()
        try skipSpaceAndComments()
        guard position == bytes.count else { throw failure("unexpected text after the table") }
        return table
    }

    /// `{ field (sep field)* sep? }` with sep `,` or `;`.
    mutating func tableConstructor() throws(LuaTableError) -> LuaTable {
        let start = position
        position += 1  // {
        depth += 1
        guard depth <= limits.maximumDepth else {
            position = start
            throw failure("tables nest more than \(limits.maximumDepth) deep")
        }
        var table = LuaTable()
        var nextIndex = 1.0
        while true {
            try skipSpaceAndComments()
            guard let byte = peek() else {
                position = start
                throw failure("this table is never closed ('}' missing)")
            }
            if byte == UInt8(ascii: "}") {
                position += 1
                break
            }
            let fieldStart = position
            let (key, value) = try field(nextIndex: &nextIndex)
            if let value {
                entries += 1
                guard entries <= limits.maximumEntries else {
                    position = fieldStart
                    throw failure("more than \(limits.maximumEntries) entries")
                }
                guard table.insert(value, for: key) else {
                    position = fieldStart
                    throw failure("key \(key) appears twice in one table")
                }
            }
            try skipSpaceAndComments()
            guard let separator = peek() else { continue }  // reported as unclosed above
            if separator == UInt8(ascii: ",") || separator == UInt8(ascii: ";") {
                position += 1
            } else if separator != UInt8(ascii: "}") {
                throw failure("expected ',' or '}' after a value")
            }
        }
        depth -= 1
        return table
    }

    /// One field: `[expr] = value`, `name = value` or a positional value. A nil value is no entry.
    mutating func field(nextIndex: inout Double) throws(LuaTableError) -> (LuaKey, LuaValue?) {
        if peek() == UInt8(ascii: "["), peek(1) != UInt8(ascii: "["), peek(1) != UInt8(ascii: "=") {
            position += 1
            try skipSpaceAndComments()
            let keyStart = position
            guard let keyValue = try value() else {
                position = keyStart
                throw failure("a table key cannot be nil")
            }
            let key: LuaKey
            switch keyValue {
            case .string(let text): key = .string(text)
            case .number(let number): key = .number(number)
            default:
                position = keyStart
                throw failure("a table key must be a string or a number")
            }
            try skipSpaceAndComments()
            guard peek() == UInt8(ascii: "]") else { throw failure("expected ']' after the key") }
            position += 1
            try skipSpaceAndComments()
            guard peek() == UInt8(ascii: "=") else { throw failure("expected '=' after the key") }
            position += 1
            try skipSpaceAndComments()
            return (key, try value())
        }
        if let word = peekName(), !Self.literalWords.contains(word) {
            let wordEnd = position + word.utf8.count
            var lookahead = wordEnd
            while lookahead < bytes.count, Self.isSpace(bytes[lookahead]) { lookahead += 1 }
            if lookahead < bytes.count, bytes[lookahead] == UInt8(ascii: "="),
               lookahead + 1 >= bytes.count || bytes[lookahead + 1] != UInt8(ascii: "=") {
                guard !Self.reservedWords.contains(word) else { throw failure("'\(word)' is a Lua keyword, not a name") }
                position = lookahead + 1
                try skipSpaceAndComments()
                return (.string(word), try value())
            }
            throw failure("'\(word)' is not a value (only literals are allowed)")
        }
        let key = LuaKey.number(nextIndex)
        nextIndex += 1
        return (key, try value())
    }

    /// A literal value; nil for `nil`.
    mutating func value() throws(LuaTableError) -> LuaValue? {
        guard let byte = peek() else { throw failure("expected a value") }
        switch byte {
        case UInt8(ascii: "{"):
            return .table(try tableConstructor())
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return .string(try quotedString())
        case UInt8(ascii: "["):
            guard let string = try longBracket() else { throw failure("expected a value") }
            return .string(string)
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try number())
        default:
            guard let word = peekName() else { throw failure("expected a value, found '\(Self.shown(byte))'") }
            switch word {
            case "true": position += 4; return .boolean(true)
            case "false": position += 5; return .boolean(false)
            case "nil": position += 3; return nil
            default: throw failure("'\(word)' is not a value (only literals are allowed)")
            }
        }
    }

    // MARK: Numbers

    /// `-`? then a decimal (`12`, `0.35`, `.5`, `1e-05`) or hexadecimal integer (`0x1F`); finite.
    mutating func number() throws(LuaTableError) -> Double {
        let start = position
        var negative = false
        if peek() == UInt8(ascii: "-") {
            negative = true
            position += 1
            if peek() == UInt8(ascii: "-") {
                position = start
                throw failure("'--' here would start a comment, not a number")
            }
        }
        let digitsStart = position
        var value: Double
        if peek() == UInt8(ascii: "0"), peek(1) == UInt8(ascii: "x") || peek(1) == UInt8(ascii: "X") {
            position += 2
            var integer: UInt64 = 0
            var count = 0
            while let byte = peek(), let digit = Self.hexDigit(byte) {
                guard count < 16 else {
                    position = start
                    throw failure("hexadecimal number too long")
                }
                integer = integer << 4 | UInt64(digit)
                count += 1
                position += 1
            }
            guard count > 0 else {
                position = start
                throw failure("'0x' without hexadecimal digits")
            }
            value = Double(integer)
        } else {
            var sawDigit = false
            while let byte = peek(), Self.isDigit(byte) { position += 1; sawDigit = true }
            if peek() == UInt8(ascii: ".") {
                position += 1
                while let byte = peek(), Self.isDigit(byte) { position += 1; sawDigit = true }
            }
            guard sawDigit else {
                position = start
                throw failure("expected a number")
            }
            if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
                position += 1
                if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
                var exponentDigits = 0
                while let byte = peek(), Self.isDigit(byte) { position += 1; exponentDigits += 1 }
                guard exponentDigits > 0 else {
                    position = start
                    throw failure("number with an empty exponent")
                }
            }
            let text = String(decoding: bytes[digitsStart..<position], as: UTF8.self)
            guard let parsed = Double(text) else {
                position = start
                throw failure("'\(text)' is not a number")
            }
            value = parsed
        }
        if let byte = peek(), Self.isNameByte(byte) || byte == UInt8(ascii: ".") {
            position = start
            throw failure("malformed number")
        }
        guard value.isFinite else {
            position = start
            throw failure("number out of range")
        }
        return negative ? -value : value
    }

    // MARK: Strings

    /// A string in double or single quotes, with Lua's escapes; no raw line breaks.
    mutating func quotedString() throws(LuaTableError) -> String {
        let start = position
        let quote = bytes[position]
        position += 1
        var result: [UInt8] = []
        while true {
            guard let byte = peek() else {
                position = start
                throw failure("unterminated string")
            }
            if byte == quote {
                position += 1
                break
            }
            if byte == 0x0A || byte == 0x0D {
                position = start
                throw failure("unterminated string (line break inside quotes)")
            }
            if byte == UInt8(ascii: "\\") {
                try escape(into: &result)
            } else {
                result.append(byte)
                position += 1
            }
            try checkStringLength(result.count, start: start)
        }
        return try decodedUTF8(result, start: start)
    }

    /// One escape after a backslash: `\n \t \\ \" \ddd \xXX \z \u{XXX}`, or a backslash-newline.
    mutating func escape(into result: inout [UInt8]) throws(LuaTableError) {
        let escapeStart = position
        position += 1
        guard let byte = peek() else { throw failure("unterminated string") }
        position += 1
        switch byte {
        case UInt8(ascii: "n"): result.append(0x0A)
        case UInt8(ascii: "t"): result.append(0x09)
        case UInt8(ascii: "r"): result.append(0x0D)
        case UInt8(ascii: "a"): result.append(0x07)
        case UInt8(ascii: "b"): result.append(0x08)
        case UInt8(ascii: "f"): result.append(0x0C)
        case UInt8(ascii: "v"): result.append(0x0B)
        case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"): result.append(byte)
        case 0x0A, 0x0D:
            // A backslash before a line break keeps the break (\r\n counts as one).
            if let next = peek(), next != byte, next == 0x0A || next == 0x0D { position += 1 }
            result.append(0x0A)
        case UInt8(ascii: "z"):
            while let next = peek(), Self.isSpace(next) { position += 1 }
        case UInt8(ascii: "x"):
            guard let high = peek().flatMap(Self.hexDigit), let low = peek(1).flatMap(Self.hexDigit) else {
                position = escapeStart
                throw failure("'\\x' needs two hexadecimal digits")
            }
            position += 2
            result.append(high << 4 | low)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            var code = Int(byte - UInt8(ascii: "0"))
            var digits = 1
            while digits < 3, let next = peek(), Self.isDigit(next) {
                code = code * 10 + Int(next - UInt8(ascii: "0"))
                digits += 1
                position += 1
            }
            guard code <= 255 else {
                position = escapeStart
                throw failure("decimal escape '\\\(code)' is above 255")
            }
            result.append(UInt8(code))
        case UInt8(ascii: "u"):
            guard peek() == UInt8(ascii: "{") else {
                position = escapeStart
                throw failure("'\\u' needs '{'")
            }
            position += 1
            var scalar: UInt32 = 0
            var digits = 0
            while let next = peek(), let digit = Self.hexDigit(next) {
                scalar = scalar << 4 | UInt32(digit)
                digits += 1
                position += 1
                guard digits <= 8, scalar <= 0x7FFF_FFFF else {
                    position = escapeStart
                    throw failure("'\\u{…}' is too large")
                }
            }
            guard digits > 0, peek() == UInt8(ascii: "}") else {
                position = escapeStart
                throw failure("'\\u{…}' needs hexadecimal digits and '}'")
            }
            position += 1
            guard let unicode = Unicode.Scalar(scalar) else {
                position = escapeStart
                throw failure("'\\u{\(String(scalar, radix: 16))}' is not a Unicode scalar")
            }
            result.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            position = escapeStart
            throw failure("invalid escape '\\\(Self.shown(byte))'")
        }
    }

    /// `[[…]]` or `[==[…]==]`; nil when the bracket does not open a long string. The first line
    /// break right after the opening bracket is not part of the string, as in Lua.
    mutating func longBracket() throws(LuaTableError) -> String? {
        let start = position
        guard let level = longBracketLevel() else { return nil }
        position += level + 2
        if peek() == 0x0D || peek() == 0x0A {
            let first = bytes[position]
            position += 1
            if let next = peek(), next != first, next == 0x0D || next == 0x0A { position += 1 }
        }
        let contentStart = position
        while position < bytes.count {
            if bytes[position] == UInt8(ascii: "]"), closesLongBracket(level: level) {
                let content = Array(bytes[contentStart..<position])
                position += level + 2
                try checkStringLength(content.count, start: start)
                return try decodedUTF8(content, start: start)
            }
            position += 1
        }
        position = start
        throw failure("unterminated long string or comment")
    }

    /// The `=` count of a long bracket opening at the position, or nil when there is none.
    /// Levels above 32 are not taken (Lightroom writes none; it keeps closing checks linear).
    func longBracketLevel() -> Int? {
        guard peek() == UInt8(ascii: "[") else { return nil }
        var level = 0
        while level <= 32, peek(1 + level) == UInt8(ascii: "=") { level += 1 }
        guard level <= 32 else { return nil }
        return peek(1 + level) == UInt8(ascii: "[") ? level : nil
    }

    func closesLongBracket(level: Int) -> Bool {
        for offset in 1...(level + 1) {
            let expected = offset == level + 1 ? UInt8(ascii: "]") : UInt8(ascii: "=")
            guard peek(offset) == expected else { return false }
        }
        return true
    }

    func checkStringLength(_ count: Int, start: Int) throws(LuaTableError) {
        guard count <= limits.maximumStringBytes else {
            throw LuaTableError(line: lineAndColumn(start).line, column: lineAndColumn(start).column,
                                reason: "a string longer than \(limits.maximumStringBytes) bytes")
        }
    }

    func decodedUTF8(_ bytes: [UInt8], start: Int) throws(LuaTableError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (line, column) = lineAndColumn(start)
            throw LuaTableError(line: line, column: column, reason: "a string that is not valid UTF-8")
        }
        return text
    }

    // MARK: Space, comments, names

    mutating func skipSpaceAndComments() throws(LuaTableError) {
        while let byte = peek() {
            if Self.isSpace(byte) {
                position += 1
            } else if byte == UInt8(ascii: "-"), peek(1) == UInt8(ascii: "-") {
                position += 2
                if longBracketLevel() != nil {
                    _ = try longBracket()
                } else {
                    while let next = peek(), next != 0x0A, next != 0x0D { position += 1 }
                }
            } else {
                return
            }
        }
    }

    /// The name (identifier) at the position, without consuming it.
    func peekName() -> String? {
        guard let first = peek(), Self.isNameStart(first) else { return nil }
        var end = position + 1
        while end < bytes.count, Self.isNameByte(bytes[end]) { end += 1 }
        return String(decoding: bytes[position..<end], as: UTF8.self)
    }

    static let literalWords: Set<String> = ["true", "false", "nil"]
    static let reservedWords: Set<String> = [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
        "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
    ]

    // MARK: Bytes

    func peek(_ offset: Int = 0) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    static func isNameStart(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || byte == UInt8(ascii: "_")
    }
    static func isNameByte(_ byte: UInt8) -> Bool { isNameStart(byte) || isDigit(byte) }
    static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// A byte for a message: printable ASCII as itself, anything else as `\xNN`.
    static func shown(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16, uppercase: true)
    }

    // MARK: Errors

    func failure(_ reason: String) -> LuaTableError {
        let (line, column) = lineAndColumn(position)
        return LuaTableError(line: line, column: column, reason: reason)
    }

    /// Line and column (from 1, columns in bytes) of an offset.
    func lineAndColumn(_ offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return (line, offset - lineStart + 1)
    }
}
