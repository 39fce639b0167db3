/// Bounds on what the Lua-table parser accepts, so a hostile or broken catalog row costs at
/// most this much memory and time (the parser is linear in the input).
///
/// The defaults are far above what Lightroom writes: a develop-settings text with dozens of
/// AI masks is a few hundred kilobytes and nests about eight tables deep.
public struct LuaTableLimits: Sendable, Equatable {
    /// Bytes of text.
    public var maximumBytes: Int
    /// Tables inside tables.
    public var maximumDepth: Int
    /// Entries in all tables together.
    public var maximumEntries: Int
    /// Bytes in one string.
    public var maximumStringBytes: Int

    public init(maximumBytes: Int = 16 << 20, maximumDepth: Int = 64, maximumEntries: Int = 1_000_000,
                maximumStringBytes: Int = 4 << 20) {
        self.maximumBytes = maximumBytes
        self.maximumDepth = maximumDepth
        self.maximumEntries = maximumEntries
        self.maximumStringBytes = maximumStringBytes
    }
}
