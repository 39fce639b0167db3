import Foundation
import XMP

/// Property (a): any bytes either read as a packet or throw `XMPReadError`; no crash, no hang.
enum ReaderCheck {
    static func run(_ bytes: [UInt8]) {
        guard let packet = try? XMPReader().read(data: Data(bytes), source: "fuzz") else { return }
        // What callers derive from a packet must not trap either.
        _ = packet.labelExclusion
        _ = packet.holdsUneditedAutoTonePrediction
        _ = packet.settings.unitValues
    }
}
