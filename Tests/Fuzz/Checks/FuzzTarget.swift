/// The fuzz targets: one property each, run on arbitrary bytes by libFuzzer (`Scripts/fuzz`)
/// and replayed on the committed corpora by `XMPTests`, so a found failure stays fixed.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// The reader never crashes or hangs, whatever the bytes.
    case xmpReader = "xmp-reader"
    /// Writing (new or merged) then reading gives back the written values.
    case sidecarRoundTrip = "sidecar-roundtrip"
    /// A merge keeps every node it does not own.
    case mergePreserves = "merge-preserves"
    /// Lightroom catalog text: the Lua-table reader never crashes or hangs, and reads back what it writes.
    case luaTable = "lua-table"

    /// Runs the target's check on one input; throws `PropertyViolation` when the property fails.
    public func check(_ bytes: [UInt8]) throws {
        switch self {
        case .xmpReader: ReaderCheck.run(bytes)
        case .sidecarRoundTrip: try RoundTripCheck.run(SidecarFuzzInput(bytes))
        case .mergePreserves: try PreservationCheck.run(SidecarFuzzInput(bytes))
        case .luaTable: try LuaTableCheck.run(bytes)
        }
    }
}
