/// What one XMP packet says about a photo's development, read from its top-level properties.
public struct XMPPacket: Sendable, Equatable {
    /// File path, or a description of the in-memory source (e.g. `IMG_1.DNG (embedded XMP)`).
    public var source: String
    /// The predicted settings found, clamped to their ranges (absent ones absent).
    public var settings: DevelopSettings
    /// Predicted settings present but not numbers: name → text as written.
    public var invalidSettings: [String: String]
    /// `crs:HasSettings` is True (case-insensitive).
    public var hasSettings: Bool
    /// `crs:ProcessVersion` as written (`6.7`, `15.4`…).
    public var processVersion: String?
    /// `crs:Version`: the Camera Raw version that wrote the settings.
    public var cameraRawVersion: String?
    /// `crs:AlreadyApplied` is True: an exported image, settings already in the pixels.
    public var alreadyApplied: Bool
    /// `crs:PresetType` when the packet is a preset.
    public var presetType: String?
    /// `crs:HDREditMode` is 1: the Basic sliders act on an HDR rendition.
    public var isHDR: Bool
    /// `photoshop:SidecarForExtension`: which RAW extension the sidecar was written for.
    public var sidecarForExtension: String?
    /// `crs:RawFileName`.
    public var rawFileName: String?
    /// `xmp:CreatorTool`: the program that wrote the file (camera firmware, Lightroom…).
    public var creatorTool: String?
    /// `xmp:Label`: Lightroom's colour label (Red, Yellow, Green, Blue, Purple, or a custom name).
    public var colourLabel: String? = nil
    /// Other simple top-level `crs:` values (Clarity2012, Temperature, Texture…), as written.
    public var otherDevelopSettings: [String: String]
    /// Names of top-level `crs:` structs and arrays (Look, masks, tone curves).
    public var structuredDevelopSettings: [String]
    /// Top-level `autotone:` properties (see `AutoToneStamp`).
    public var autoToneProperties: [String: String]

    /// A packet from develop values read elsewhere than XMP (a Lightroom catalog's settings), so
    /// that the same label rules apply to them.
    public init(
        source: String, settings: DevelopSettings, invalidSettings: [String: String] = [:], hasSettings: Bool,
        processVersion: String?, cameraRawVersion: String? = nil, alreadyApplied: Bool = false,
        presetType: String? = nil, isHDR: Bool = false, sidecarForExtension: String? = nil,
        rawFileName: String? = nil, creatorTool: String? = nil, otherDevelopSettings: [String: String] = [:],
        structuredDevelopSettings: [String] = [], autoToneProperties: [String: String] = [:]
    ) {
        self.source = source
        self.settings = settings
        self.invalidSettings = invalidSettings
        self.hasSettings = hasSettings
        self.processVersion = processVersion
        self.cameraRawVersion = cameraRawVersion
        self.alreadyApplied = alreadyApplied
        self.presetType = presetType
        self.isHDR = isHDR
        self.sidecarForExtension = sidecarForExtension
        self.rawFileName = rawFileName
        self.creatorTool = creatorTool
        self.otherDevelopSettings = otherDevelopSettings
        self.structuredDevelopSettings = structuredDevelopSettings
        self.autoToneProperties = autoToneProperties
    }

    /// AutoTone's stamp, when AutoTone wrote the values.
    public var autoToneStamp: AutoToneStamp? { AutoToneStamp(properties: autoToneProperties) }

    /// True when the develop values are still exactly what AutoTone wrote.
    public var holdsUneditedAutoTonePrediction: Bool {
        autoToneStamp?.matches(settings) ?? false
    }

    /// True when the packet carries develop values of any kind: `HasSettings` is True, or a
    /// script or exiftool wrote `crs:` values without it. Either way the values are someone's.
    /// Flags about the file (`HasCrop="False"`, as DNG Converter writes) are not values.
    public var carriesDevelopValues: Bool {
        hasSettings || !settings.isEmpty || !invalidSettings.isEmpty || !structuredDevelopSettings.isEmpty
            || otherDevelopSettings.keys.contains { !$0.hasPrefix("Has") }
    }

    /// True when the packet carries develop values made by a person or another tool: anything
    /// but AutoTone's unedited prediction (its digest says which values are its own).
    public var hasPhotographerSettings: Bool {
        carriesDevelopValues && !holdsUneditedAutoTonePrediction
    }

    /// The first label rule this packet breaks, or nil when it is a label.
    public var labelExclusion: LabelExclusion? {
        if let presetType { return .preset(type: presetType) }
        if alreadyApplied { return .alreadyApplied }
        if !hasSettings { return .noDevelopSettings }
        guard let processVersion else { return .missingProcessVersion }
        if !ProcessVersion.supportsSettings2012(processVersion) { return .legacyProcessVersion(processVersion) }
        if let (name, text) = invalidSettings.min(by: { $0.key < $1.key }) {
            return .invalidValue(name: name, text: text)
        }
        if settings.isEmpty { return .noPredictedSettings }
        if let stamp = autoToneStamp, stamp.matches(settings) { return .autoTonePrediction(model: stamp.model) }
        return nil
    }

    /// True when the packet is a training label.
    public var isLabel: Bool { labelExclusion == nil }
}
