import Catalog
import Foundation
import XMP

/// Property (d): any bytes either read as a Lua table or throw `LuaTableError` (no crash, no
/// hang, bounded memory); a table that reads is written back as Lua text that reads as the same
/// table; and the label derived from it never traps.
enum LuaTableCheck {
    static func run(_ bytes: [UInt8]) throws {
        let parser = LuaTableParser()
        guard let table = try? parser.parse(bytes: bytes) else { return }
        let written = "s = " + write(table)
        let again: LuaTable
        do {
            again = try parser.parse(written)
        } catch {
            throw PropertyViolation("the table written back does not read: \(error)\n\(written)")
        }
        guard again == table else {
            throw PropertyViolation("the table written back reads differently:\n\(written)")
        }
        let record = CatalogDevelopRecord(imageID: 1, text: nil, processVersion: nil, hasAdjustments: 1, isHDR: false,
                                          touchTime: nil)
        let packet = CatalogDevelopPacket.packet(table: table, record: record, source: "fuzz")
        _ = packet.labelExclusion
        _ = packet.settings.unitValues
    }

    /// Lua source for a table: every key bracketed, strings with decimal escapes for anything
    /// outside printable ASCII, numbers in their shortest round-trip form.
    static func write(_ table: LuaTable) -> String {
        var out = "{"
        for entry in table.entries {
            switch entry.key {
            case .string(let name): out += "[" + quoted(name) + "]="
            case .number(let index): out += "[" + number(index) + "]="
            }
            out += value(entry.value) + ","
        }
        return out + "}"
    }

    static func value(_ value: LuaValue) -> String {
        switch value {
        case .number(let n): return number(n)
        case .string(let s): return quoted(s)
        case .boolean(let b): return b ? "true" : "false"
        case .table(let t): return write(t)
        }
    }

    /// Shortest round trip: `0.35`, `1e-05`, `1e+20`.
    static func number(_ n: Double) -> String { String(n) }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for byte in s.utf8 {
            if (0x20...0x7E).contains(byte), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += String(format: "\\%03d", byte)
            }
        }
        return out + "\""
    }
}
