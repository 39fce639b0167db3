import Foundation
import XCTest

/// Shoots for command tests: copies of a small sample DNG, with sidecars of each kind.
enum TestShoot {
    static let sampleDNG = CommandRunner.packageRoot.appendingPathComponent("SampleRAWs/shoot/IMG_0021.dng")

    /// `count` copies of the sample DNG named `P_000.dng`… in `folder/name`.
    static func make(_ count: Int, in folder: URL, named name: String = "shoot") throws -> URL {
        let shoot = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: shoot, withIntermediateDirectories: true)
        for index in 0..<count {
            try FileManager.default.copyItem(at: sampleDNG, to: shoot.appendingPathComponent(photo(index)))
        }
        return shoot
    }

    static func photo(_ index: Int) -> String { String(format: "P_%03d.dng", index) }
    static func sidecar(_ index: Int) -> String { String(format: "P_%03d.xmp", index) }

    /// A fixture sidecar made to belong to a DNG (the fixtures name other RAW formats).
    static func fixture(_ name: String) throws -> Data {
        let url = CommandRunner.packageRoot.appendingPathComponent("Tests/Fixtures/XMP/" + name)
        let text = try String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: #"SidecarForExtension="[A-Z0-9]+""#, with: #"SidecarForExtension="DNG""#,
                                  options: .regularExpression)
        return Data(text.utf8)
    }
    /// Ratings, keywords, creator: no develop settings, so AutoTone merges into it.
    static var metadataOnly: Data { get throws { try fixture("unedited-metadata-only.xmp") } }
    /// The photographer's Lightroom edit, which AutoTone must never replace unasked.
    static var photographerEdit: Data { get throws { try fixture("lrc14-attributes-masks-look.xmp") } }

    /// Names of AutoTone's leftovers in `folder`: temporary files and the lock file.
    static func leftovers(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.contains(".autotone-") || $0 == ".autotone.lock" }.sorted()
    }
}
