import Foundation

/// Decides, without touching any file, what writing a prediction for one RAW should do.
///
/// Pure so that `autotone predict` can ask before running the model (and skip the RAWs it
/// would not write), and so every rule has a plain test. The rules, in order:
/// 1. DNG: Lightroom reads the settings embedded in the DNG, not a sidecar; write one only when
///    asked (`writeSidecarForDNG`), with a warning that Lightroom will not read it.
/// 2. Two spellings of the sidecar (`NAME.XMP`, `NAME.xmp`), or another RAW with the same base
///    name: refuse, the sidecar is ambiguous or would be shared.
/// 3. No sidecar: create one.
/// 4. An unreadable sidecar: refuse, never rewrite what cannot be read.
/// 5. A sidecar written for another extension: refuse.
/// 6. This model's unedited prediction for this very RAW already there: skip (unless `repredict`).
/// 7. The photographer's develop settings: skip (unless `overwritePhotographerEdits`).
/// 8. Otherwise (metadata only, or an older AutoTone prediction): merge.
public struct SidecarPolicy: Sendable, Equatable {
    /// Replace develop settings the photographer made.
    public var overwritePhotographerEdits: Bool
    /// Write `NAME.xmp` next to DNGs (Lightroom will not read it).
    public var writeSidecarForDNG: Bool
    /// Write again even when the sidecar already holds this model's prediction for this RAW.
    public var repredict: Bool

    public init(overwritePhotographerEdits: Bool = false, writeSidecarForDNG: Bool = false, repredict: Bool = false) {
        self.overwritePhotographerEdits = overwritePhotographerEdits
        self.writeSidecarForDNG = writeSidecarForDNG
        self.repredict = repredict
    }

    /// What is already there.
    public enum Existing: Sendable, Equatable {
        case none
        case packet(XMPPacket)
        case unreadable(XMPReadError)
    }

    /// The model and RAW a prediction is for.
    public struct Prediction: Sendable, Equatable {
        public var model: String
        public var rawFingerprint: String?
        public init(model: String, rawFingerprint: String?) {
            self.model = model
            self.rawFingerprint = rawFingerprint
        }
    }

    /// Why nothing is written, though nothing is wrong.
    public enum SkipReason: Sendable, Equatable, CustomStringConvertible {
        case photographerEdits(sidecar: String)
        case alreadyPredicted(sidecar: String, model: String)
        case dngNotRequested(raw: String)

        public var description: String {
            switch self {
            case .photographerEdits(let sidecar):
                return "\(sidecar) already holds the photographer's develop settings; not overwritten "
                    + "(ask to overwrite them explicitly)"
            case .alreadyPredicted(let sidecar, let model):
                return "\(sidecar) already holds model \(model)'s prediction for this RAW"
            case .dngNotRequested(let raw):
                return "\(raw): Lightroom reads a DNG's settings from inside the DNG, not from a sidecar; "
                    + "no sidecar written (ask for DNG sidecars explicitly)"
            }
        }
    }

    /// Something the user should know although the write goes ahead.
    public enum Warning: Sendable, Equatable, CustomStringConvertible {
        case dngSidecarIgnoredByLightroom(sidecar: String)
        case foreignSidecarIgnored(path: String)

        public var description: String {
            switch self {
            case .dngSidecarIgnoredByLightroom(let sidecar):
                return "\(sidecar): written as asked, but Lightroom will not read it: for DNGs it uses the "
                    + "settings embedded in the DNG"
            case .foreignSidecarIgnored(let path):
                return "\(path) is a darktable/digiKam sidecar; AutoTone neither reads nor changes it"
            }
        }
    }

    /// What to do.
    public enum Action: Sendable, Equatable {
        case create(URL)
        case merge(URL)
        case skip(SkipReason)
        case refuse(SidecarWriteError)
    }

    public struct Decision: Sendable, Equatable {
        public var action: Action
        public var warnings: [Warning]
    }

    public func decide(location: SidecarLocation, existing: Existing, prediction: Prediction?) -> Decision {
        var warnings = location.foreignSidecars.map { Warning.foreignSidecarIgnored(path: $0.path) }
        let target = location.target
        if location.isDNG {
            guard writeSidecarForDNG else {
                return Decision(action: .skip(.dngNotRequested(raw: location.raw.path)), warnings: warnings)
            }
            warnings.append(.dngSidecarIgnoredByLightroom(sidecar: target.path))
        }
        if location.hasAmbiguousSidecars {
            let ambiguous = SidecarWriteError.ambiguousSidecars(
                raw: location.raw.path, sidecars: location.sidecarSpellings.map(\.lastPathComponent))
            return Decision(action: .refuse(ambiguous), warnings: warnings)
        }
        if !location.sameBaseNameRaws.isEmpty {
            let clash = SidecarWriteError.baseNameClash(
                raw: location.raw.path, sidecar: target.path, others: location.sameBaseNameRaws.map(\.lastPathComponent))
            return Decision(action: .refuse(clash), warnings: warnings)
        }
        switch existing {
        case .none:
            return Decision(action: .create(target), warnings: warnings)
        case .unreadable(let error):
            return Decision(action: .refuse(.existingUnreadable(path: target.path, error: error)), warnings: warnings)
        case .packet(let packet):
            if let recorded = packet.sidecarForExtension, recorded.uppercased() != location.rawExtension {
                let other = SidecarWriteError.sidecarForOtherFile(
                    sidecar: target.path, rawExtension: location.rawExtension, sidecarFor: recorded)
                return Decision(action: .refuse(other), warnings: warnings)
            }
            if packet.holdsUneditedAutoTonePrediction, let stamp = packet.autoToneStamp, let prediction,
                stamp.model == prediction.model, stamp.rawFingerprint == prediction.rawFingerprint, !repredict
            {
                return Decision(
                    action: .skip(.alreadyPredicted(sidecar: target.path, model: stamp.model)), warnings: warnings)
            }
            if packet.hasPhotographerSettings && !overwritePhotographerEdits {
                return Decision(action: .skip(.photographerEdits(sidecar: target.path)), warnings: warnings)
            }
            return Decision(action: .merge(target), warnings: warnings)
        }
    }
}
