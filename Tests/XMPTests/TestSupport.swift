import Foundation
import XCTest

@testable import XMP

/// Paths and scratch folders shared by the XMP tests.
enum TestPaths {
    /// Tests/XMPTests/
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    /// The package root.
    static let packageRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    /// Hand-written fixtures (outside the test target's folder, so SwiftPM needs no resource rules).
    static func fixture(_ name: String) -> URL {
        packageRoot.appendingPathComponent("Tests/Fixtures/XMP/" + name)
    }
    /// `<root>/../shared/xmp-samples` (present on developer machines and in CI, not in the repo).
    static let sharedSamples = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/xmp-samples")
    /// The real Canon CR2 (in this package, or the main checkout next to it).
    static var sampleCR2: URL? {
        let candidates = [
            packageRoot.appendingPathComponent("SampleRAWs/IMG_5952.CR2"),
            packageRoot.deletingLastPathComponent().appendingPathComponent("main/SampleRAWs/IMG_5952.CR2"),
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }
}

/// A fresh temporary folder, removed when the test ends.
func makeScratchFolder(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("autotone-xmp-tests-" + UUID().uuidString)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock {
        chmod(url.path, 0o755)
        try? FileManager.default.removeItem(at: url)
    }
    return url
}

/// A fixed date and zone so written sidecars are reproducible.
let fixedDate = Date(timeIntervalSince1970: 1_778_000_000)
let fixedZone = TimeZone(secondsFromGMT: 2 * 3600)!

/// Eight predicted values used across writer tests.
let predicted = DevelopSettings([
    "Exposure2012": 0.35, "Contrast2012": 12, "Highlights2012": -40, "Shadows2012": 25,
    "Whites2012": 8, "Blacks2012": -8, "Vibrance": 10, "Saturation": 0,
])

func content(
    _ settings: DevelopSettings = predicted, rawFileName: String = "IMG_1.CR2", hdr: Bool = false,
    stamp: AutoToneStamp? = nil
) -> SidecarContent {
    SidecarContent(
        settings: settings, rawFileName: rawFileName, hdr: hdr, stamp: stamp, metadataDate: fixedDate,
        timeZone: fixedZone)
}
