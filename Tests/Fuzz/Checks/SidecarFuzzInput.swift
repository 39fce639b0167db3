import Foundation
import XMP

/// What the writing targets derive from fuzz bytes: the eight values, options, a RAW name and
/// optionally an existing sidecar.
///
/// Layout (missing bytes read as zero, so every input decodes):
/// `[0]` which settings are present (bit i = descriptor i) · `[1]` flags (bit 0: an existing
/// packet follows, bit 1: HDR, bit 2: AutoTone stamp) · `[2..<18]` eight little-endian Int16
/// values · `[18]` RAW name length (mod 32) · the name's bytes · the existing packet.
/// Values go well past the sliders' ranges (±32.767 EV, ±327.67) so clamping and rounding are
/// exercised; Int16.min means NaN and Int16.max infinity.
struct SidecarFuzzInput {
    static let headerCount = 19
    static let descriptors = SettingDescriptor.standard

    let settings: DevelopSettings
    /// The unrounded values asked for, by descriptor name.
    let requested: [String: Double]
    let hdr: Bool
    let stamped: Bool
    let rawFileName: String
    let existing: Data?

    init(_ bytes: [UInt8]) {
        func byte(_ i: Int) -> UInt8 { i < bytes.count ? bytes[i] : 0 }
        let mask = byte(0)
        let flags = byte(1)
        var requested: [String: Double] = [:]
        for (i, descriptor) in Self.descriptors.enumerated() where mask & (1 << i) != 0 {
            let raw = Int16(bitPattern: UInt16(byte(2 + 2 * i)) | UInt16(byte(3 + 2 * i)) << 8)
            let divisor = descriptor.decimals > 0 ? 1000.0 : 100.0
            switch raw {
            case .min: requested[descriptor.name] = .nan
            case .max: requested[descriptor.name] = .infinity
            default: requested[descriptor.name] = Double(raw) / divisor
            }
        }
        self.requested = requested
        settings = DevelopSettings(requested, descriptors: Self.descriptors)
        hdr = flags & 2 != 0
        stamped = flags & 4 != 0
        let nameCount = Int(byte(18) % 32)
        let nameEnd = min(bytes.count, Self.headerCount + nameCount)
        let name = Self.headerCount < nameEnd ? bytes[Self.headerCount..<nameEnd] : []
        rawFileName = name.isEmpty ? "IMG_0001.CR2" : String(decoding: name, as: UTF8.self)
        existing = flags & 1 != 0 ? Data(bytes[min(bytes.count, nameEnd)...]) : nil
    }

    /// The content the writer is given: fixed date and zone, so runs reproduce.
    var content: SidecarContent {
        let stamp = stamped
            ? AutoToneStamp(model: "fuzz-model", rawFingerprint: "fuzz:0", settings: settings) : nil
        return SidecarContent(
            settings: settings, rawFileName: rawFileName, hdr: hdr, stamp: stamp,
            metadataDate: Date(timeIntervalSince1970: 1_778_000_000), timeZone: TimeZone(secondsFromGMT: 3600)!)
    }
}
