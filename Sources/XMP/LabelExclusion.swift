/// Why a packet is not a training label: each case is one rule of the label definition.
///
/// A packet is a label when `crs:HasSettings` is True, `crs:ProcessVersion` is 6.7 (PV2012)
/// or newer, it is not `crs:AlreadyApplied="True"` (an exported JPEG/TIFF whose pixels already
/// carry the edit), not a preset (`crs:PresetType`), it holds at least one of the predicted
/// settings as a number, and those values are not AutoTone's own unedited prediction.
public enum LabelExclusion: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// A preset file, not a photo's edit.
    case preset(type: String)
    /// `crs:AlreadyApplied="True"`: settings already rendered into the pixels.
    case alreadyApplied
    /// `crs:HasSettings` missing or not True: the photo was never developed.
    case noDevelopSettings
    /// `crs:HasSettings="True"` but no `crs:ProcessVersion`: an Adobe reader would assume a
    /// legacy process, so the values cannot be trusted as PV2012 values.
    case missingProcessVersion
    /// A process version before 6.7 (or unparsable): its sliders have other names and scales.
    case legacyProcessVersion(String)
    /// None of the predicted settings is present.
    case noPredictedSettings
    /// A predicted setting is present but not a number (e.g. `crs:Exposure2012="abc"`).
    case invalidValue(name: String, text: String)
    /// The values are exactly what AutoTone wrote (its digest matches): learning from them
    /// would be learning from our own prediction.
    case autoTonePrediction(model: String)
    /// The sidecar names another file (`photoshop:SidecarForExtension`), or two RAWs share its
    /// base name and it does not say which one it belongs to.
    case sidecarForOtherFile(rawExtension: String, sidecarFor: String?)
    /// Two spellings of the sidecar (`NAME.XMP`, `NAME.xmp`) exist: which one is the edit is unknown.
    case ambiguousSidecars(names: [String])

    public var description: String {
        switch self {
        case .preset(let type): return "a preset (crs:PresetType=\"\(type)\"), not a photo's edit"
        case .alreadyApplied:
            return "crs:AlreadyApplied is True: an exported image whose pixels already carry the edit"
        case .noDevelopSettings: return "no develop settings (crs:HasSettings is not True)"
        case .missingProcessVersion: return "crs:HasSettings is True but crs:ProcessVersion is missing"
        case .legacyProcessVersion(let pv):
            return "process version \(pv) is older than 6.7 (PV2012); its sliders are not comparable"
        case .noPredictedSettings: return "none of the predicted settings is present"
        case .invalidValue(let name, let text): return "crs:\(name)=\"\(text)\" is not a number"
        case .autoTonePrediction(let model):
            return "the values are AutoTone's own unedited prediction (model \(model))"
        case .sidecarForOtherFile(let ext, let other?):
            return "the sidecar was written for a .\(other) file, not this .\(ext)"
        case .ambiguousSidecars(let names):
            return "\(names.joined(separator: " and ")) both exist (one file on a case-insensitive disk); "
                + "which holds the edit is unknown: keep one of them"
        case .sidecarForOtherFile(let ext, nil):
            return "another RAW shares this base name and the sidecar does not say it is for the .\(ext)"
        }
    }
}
