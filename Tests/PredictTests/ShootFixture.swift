import Foundation
import ImageIO
import Predict
import XCTest
import XMP

/// A stand-in model: deterministic values derived from the input, so tests can check that
/// what was predicted is what was written.
struct FakePredictor: SettingsPredictor {
    var identity = "fake-model-1"
    var recipe = PreprocessRecipe.vitDefault
    var descriptors = SettingDescriptor.standard
    var learntFromHDREdits = false

    func predict(_ batch: [ImageTensor]) throws -> [SettingsPrediction] {
        batch.map { tensor in
            let mean = Double(tensor.values.reduce(0, +)) / Double(tensor.values.count)
            return SettingsPrediction(unitValues: descriptors.indices.map { tanh(mean + Double($0) * 0.1) },
                                      confidence: 0.5)
        }
    }
}

/// A shoot folder with every case `predict` must handle, and a way to checksum all of it.
struct ShootFixture {
    let folder: URL

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sampleCR2 = packageRoot.appendingPathComponent("SampleRAWs/IMG_5952.CR2")
    static let editedSidecar = packageRoot.appendingPathComponent("Tests/Fixtures/XMP/lr6-brush-corrections.xmp")
    static let metadataOnlySidecar = packageRoot.appendingPathComponent("Tests/Fixtures/XMP/unedited-metadata-only.xmp")

    /// - `new.CR2`: no sidecar → created
    /// - `edited.CR2` + `edited.xmp` (the photographer's Lightroom edit) → skipped
    /// - `unedited.CR2` + `unedited.xmp` (metadata only) → merged
    /// - `dark.CR2` + `dark.CR2.xmp` (darktable's) → `dark.xmp` created, darktable's untouched
    /// - `clash.CR2` + `clash.NEF` → both refused
    /// - `broken.CR2` (truncated) → failed
    /// - `notes.txt` → not a photo, passed over
    init(test: XCTestCase) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("shoot-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let folder = self.folder
        test.addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let raw = try Data(contentsOf: Self.sampleCR2)
        for name in ["new.CR2", "edited.CR2", "unedited.CR2", "dark.CR2", "clash.CR2", "clash.NEF"] {
            try raw.write(to: folder.appendingPathComponent(name))
        }
        try raw.prefix(1_000_000).write(to: folder.appendingPathComponent("broken.CR2"))
        try Self.sidecar(Self.editedSidecar, for: "CR2").write(to: folder.appendingPathComponent("edited.xmp"))
        try Self.sidecar(Self.metadataOnlySidecar, for: "CR2").write(to: folder.appendingPathComponent("unedited.xmp"))
        try Data("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><!-- darktable --></x:xmpmeta>\n".utf8)
            .write(to: folder.appendingPathComponent("dark.CR2.xmp"))
        try Data("shot list\n".utf8).write(to: folder.appendingPathComponent("notes.txt"))
    }

    /// A fixture sidecar with its SidecarForExtension pointed at `ext`.
    static func sidecar(_ url: URL, for ext: String) throws -> Data {
        let text = try String(contentsOf: url, encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: "SidecarForExtension=\"[A-Za-z0-9]*\"")
        let range = NSRange(text.startIndex..., in: text)
        return Data(pattern.stringByReplacingMatches(in: text, range: range, withTemplate: "SidecarForExtension=\"\(ext)\"").utf8)
    }

    /// Every file's bytes, by name.
    func snapshot() throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)!
        for case let url as URL in enumerator where !url.hasDirectoryPath {
            files[url.path.replacingOccurrences(of: folder.path + "/", with: "")] = try Data(contentsOf: url)
        }
        return files
    }
}
