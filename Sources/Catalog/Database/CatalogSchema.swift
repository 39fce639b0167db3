import Foundation

/// What AutoTone reads from a Lightroom Classic catalog, and which schema versions it knows.
///
/// The layout is the one documented by catalog readers for Lightroom 6 through Classic 14
/// (`Adobe_images` → `AgLibraryFile` → `AgLibraryFolder` → `AgLibraryRootFolder`, develop settings
/// in `Adobe_imageDevelopSettings.text`); `Scripts/make-test-catalog.py` builds catalogs of each.
public enum CatalogSchema {
    /// `Adobe_variablesTable.Adobe_DBVersion` is seven digits, the first two Lightroom's major
    /// version (`0600008` is Lightroom 6, `1300025` Classic 13). Classic 7 to 15 kept the tables
    /// AutoTone reads; Lightroom 4 and 5 predate parts of them.
    public static let knownMajorVersions = 6...15

    static var knownVersionsDescription: String {
        "Lightroom \(knownMajorVersions.lowerBound) to Lightroom Classic \(knownMajorVersions.upperBound)"
    }

    /// The Lightroom major version a schema version belongs to, or nil when it is not seven digits.
    public static func majorVersion(of schemaVersion: String) -> Int? {
        let digits = schemaVersion.trimmingCharacters(in: .whitespaces)
        guard digits.count == 7, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return Int(digits.prefix(2))
    }

    /// Columns every known version has and AutoTone needs, per table.
    static let requiredColumns: [(table: String, columns: [String])] = [
        ("Adobe_images", ["id_local", "rootFile", "masterImage", "copyName", "touchTime"]),
        ("AgLibraryFile", ["id_local", "baseName", "extension", "folder"]),
        ("AgLibraryFolder", ["id_local", "pathFromRoot", "rootFolder"]),
        ("AgLibraryRootFolder", ["id_local", "absolutePath"]),
        ("Adobe_imageDevelopSettings", ["id_local", "image", "text", "processVersion", "hasDevelopAdjustments"]),
        ("Adobe_variablesTable", ["name", "value"]),
    ]
}
