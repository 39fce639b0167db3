import XMP

/// The top-level properties the README says AutoTone writes, listed here independently of the
/// writer so the preservation check does not trust the code it checks.
enum OwnedByAutoTone {
    private static let crs: Set<String> = Set(SettingDescriptor.standard.map(\.name)).union([
        "Version", "ProcessVersion", "HasSettings", "AlreadyApplied", "RawFileName", "HDREditMode",
    ])

    static func contains(namespace: String, name: String) -> Bool {
        switch namespace {
        case XMPNamespace.cameraRawSettings: return crs.contains(name)
        case XMPNamespace.photoshop: return name == "SidecarForExtension"
        case XMPNamespace.xmp: return name == "MetadataDate"
        case XMPNamespace.autoTone: return true
        default: return false
        }
    }

    /// Namespaces the writer may declare.
    static let namespaces: Set<String> = [
        XMPNamespace.cameraRawSettings, XMPNamespace.photoshop, XMPNamespace.xmp, XMPNamespace.autoTone,
    ]
}
