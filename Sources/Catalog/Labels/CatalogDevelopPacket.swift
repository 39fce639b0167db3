import Foundation
import XMP

/// One image's develop settings from the catalog as an `XMPPacket`, so that the label rules of
/// sidecars apply unchanged: PV2012 or newer, developed, not AutoTone's own unedited
/// prediction, absent is not zero, HDR edits flagged.
///
/// What Lightroom writes as `crs:NAME` in a sidecar it keeps as `NAME = value` in the text; the
/// sidecar's `crs:HasSettings` corresponds to the catalog's develop-adjustments flag.
public enum CatalogDevelopPacket {
    /// Builds the packet; throws when the text is not a Lua table.
    public static func packet(
        record: CatalogDevelopRecord, source: String, descriptors: [SettingDescriptor] = SettingDescriptor.standard,
        parser: LuaTableParser = LuaTableParser()
    ) throws(LuaTableError) -> XMPPacket {
        let table = try parser.parse(record.text ?? "s = {}")
        return packet(table: table, record: record, source: source, descriptors: descriptors)
    }

    /// The packet of an already parsed table.
    public static func packet(
        table: LuaTable, record: CatalogDevelopRecord, source: String,
        descriptors: [SettingDescriptor] = SettingDescriptor.standard
    ) -> XMPPacket {
        var settings = DevelopSettings(descriptors: descriptors)
        var invalid: [String: String] = [:]
        let crs = XMPNamespace.cameraRawSettings
        for descriptor in descriptors where descriptor.namespace == crs {
            switch table[descriptor.name] {
            case nil: continue
            case .number(let value)?: settings[descriptor] = descriptor.clamped(value)
            case let other?: invalid[descriptor.name] = other.literal
            }
        }
        let predicted = Set(descriptors.map(\.name))
        let bookkeeping: Set<String> = ["ProcessVersion", "Version", "AlreadyApplied", "HDREditMode"]
        var other: [String: String] = [:]
        var structured: [String] = []
        for (name, value) in table.namedEntries where !predicted.contains(name) && !bookkeeping.contains(name) {
            if value.table != nil { structured.append(name) } else { other[name] = value.string ?? value.literal }
        }
        let processVersion = table["ProcessVersion"]?.string ?? record.processVersion
        return XMPPacket(
            source: source, settings: settings, invalidSettings: invalid,
            hasSettings: (record.hasAdjustments ?? 0) > 0,
            processVersion: processVersion?.trimmingCharacters(in: .whitespaces),
            cameraRawVersion: table["Version"]?.string,
            alreadyApplied: table["AlreadyApplied"]?.boolean == true,
            isHDR: record.isHDR || table["HDREditMode"]?.number == 1,
            otherDevelopSettings: other, structuredDevelopSettings: structured)
    }
}
