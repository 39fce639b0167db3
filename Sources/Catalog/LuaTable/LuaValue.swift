/// A value in the Lua-table text Lightroom Classic stores develop settings in
/// (`s = { Exposure2012 = 0.35, ToneCurvePV2012 = { 0, 0, 255, 255, }, … }`).
///
/// Only what a table constructor of literals can hold: no functions, no expressions.
public indirect enum LuaValue: Sendable, Equatable {
    case number(Double)
    case string(String)
    case boolean(Bool)
    case table(LuaTable)

    /// The number, when this is one.
    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The string, when this is one.
    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The boolean, when this is one.
    public var boolean: Bool? {
        if case .boolean(let value) = self { return value }
        return nil
    }

    /// The table, when this is one.
    public var table: LuaTable? {
        if case .table(let value) = self { return value }
        return nil
    }

    /// The value as Lua source would write it (numbers in their shortest round-trip form), for
    /// messages: `0.35`, `"abc"`, `true`, `{…}`.
    public var literal: String {
        switch self {
        case .number(let value):
            return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .string(let value): return "\"" + value + "\""
        case .boolean(let value): return value ? "true" : "false"
        case .table: return "{…}"
        }
    }
}

/// A key of a Lua table: a name or string (`Exposure2012 = …`, `["a b"] = …`) or a number
/// (positional entries count from 1, `[3] = …`).
public enum LuaKey: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case number(Double)

    public var description: String {
        switch self {
        case .string(let name): return name
        case .number(let index): return "[\(LuaValue.number(index).literal)]"
        }
    }
}

/// A Lua table as written: its entries in source order, each key once.
public struct LuaTable: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var key: LuaKey
        public var value: LuaValue
    }

    public private(set) var entries: [Entry] = []
    private var index: [LuaKey: Int] = [:]

    public init() {}

    /// Adds an entry; false when the key is already there (the caller decides what that means).
    mutating func insert(_ value: LuaValue, for key: LuaKey) -> Bool {
        guard index[key] == nil else { return false }
        index[key] = entries.count
        entries.append(Entry(key: key, value: value))
        return true
    }

    /// The value under a name or string key.
    public subscript(name: String) -> LuaValue? {
        index[.string(name)].map { entries[$0].value }
    }

    /// The value under any key.
    public subscript(key: LuaKey) -> LuaValue? {
        index[key].map { entries[$0].value }
    }

    /// The entries whose keys are strings, in source order.
    public var namedEntries: [(name: String, value: LuaValue)] {
        entries.compactMap { entry in
            if case .string(let name) = entry.key { return (name, entry.value) }
            return nil
        }
    }

    public var count: Int { entries.count }

    public static func == (lhs: LuaTable, rhs: LuaTable) -> Bool { lhs.entries == rhs.entries }
}
