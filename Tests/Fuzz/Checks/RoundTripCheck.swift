import Foundation
import XMP

/// Property (b): what the writer writes, the reader reads back, rounded as the descriptors say;
/// settings not written keep the existing sidecar's values.
enum RoundTripCheck {
    static func run(_ input: SidecarFuzzInput) throws {
        let reader = XMPReader()
        let content = input.content
        let before: XMPPacket?
        let written: Data
        if let existing = input.existing {
            do {
                written = try SidecarMerger.merge(content, into: existing, source: "fuzz")
            } catch is SidecarWriteError {
                return  // refusing is allowed; rewriting wrongly is not
            }
            do {
                before = try reader.read(data: existing, source: "fuzz")
            } catch {
                throw PropertyViolation("the merge accepted a packet the reader refuses: \(error)")
            }
        } else {
            do {
                written = try SidecarMerger.newSidecar(content)
            } catch {
                // A name XML cannot carry (control characters) is the only reason to fail.
                if input.rawFileName.unicodeScalars.allSatisfy(isXMLCharacter) {
                    throw PropertyViolation("no new sidecar for \(input.rawFileName.debugDescription): \(error)")
                }
                return
            }
            before = nil
        }

        let after: XMPPacket
        do {
            after = try reader.read(data: written, source: "fuzz")
        } catch {
            throw PropertyViolation("what was written does not read: \(error)")
        }
        for descriptor in SidecarFuzzInput.descriptors {
            let expected = input.requested[descriptor.name].map(descriptor.quantized) ?? before?.settings[descriptor]
            guard after.settings[descriptor] == expected else {
                throw PropertyViolation(
                    "\(descriptor.name): read \(String(describing: after.settings[descriptor])), "
                        + "expected \(String(describing: expected)) (asked \(String(describing: input.requested[descriptor.name])))")
            }
        }
        guard after.hasSettings, !after.alreadyApplied else {
            throw PropertyViolation("HasSettings/AlreadyApplied not read back as True/False")
        }
        guard let version = after.processVersion, ProcessVersion.supportsSettings2012(version) else {
            throw PropertyViolation("process version \(String(describing: after.processVersion)) is not PV2012 or newer")
        }
        if input.hdr && !after.isHDR { throw PropertyViolation("HDREditMode=1 not read back") }
        for (key, value) in content.autoToneProperties where after.autoToneProperties[key] != value {
            throw PropertyViolation("autotone:\(key) read \(String(describing: after.autoToneProperties[key])), wrote \(value)")
        }
        if input.stamped && input.requested.count == SidecarFuzzInput.descriptors.count
            && !after.holdsUneditedAutoTonePrediction
        {
            throw PropertyViolation("all eight values and the stamp written, but the stamp does not match them")
        }
        if before == nil && after.rawFileName != input.rawFileName {
            throw PropertyViolation("RawFileName read \(String(describing: after.rawFileName)), wrote \(input.rawFileName.debugDescription)")
        }
    }

    /// XML 1.0's `Char` production: what a document may contain at all, escaped or not.
    static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
