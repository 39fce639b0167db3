import XCTest

@testable import XMP

/// The real packets in `../shared/xmp-samples` (not in the repository) read as their README says.
final class SharedSamplesTests: XCTestCase {
    /// README conclusion per file-name prefix: nil exclusion means "label" with these values.
    private struct Expectation {
        let exclusion: LabelExclusion?
        let values: [String: Double]
    }

    private let expectations: [(prefix: String, expected: Expectation)] = [
        ("evanoberholster__imagemeta", Expectation(exclusion: nil, values: [
            "Exposure2012": -0.10, "Contrast2012": -4, "Highlights2012": -74, "Shadows2012": 31,
            "Whites2012": 12, "Blacks2012": -36, "Vibrance": 15, "Saturation": -1,
        ])),
        ("aagnone3__edit-learn__edit_learn__extract__temp_xmps__2017__2017-06-29__DSC_0586", Expectation(exclusion: nil, values: [
            "Exposure2012": 0.71, "Contrast2012": -25, "Highlights2012": -53, "Shadows2012": 100,
            "Whites2012": -33, "Blacks2012": 40, "Vibrance": 0, "Saturation": -55,
        ])),
        ("aagnone3__edit-learn__edit_learn__extract__temp_xmps__2017__Bells__DSC_8357",
         Expectation(exclusion: .noDevelopSettings, values: [:])),
        ("Ashampoo__xmpcore", Expectation(exclusion: .alreadyApplied, values: ["Exposure2012": 0.55, "Contrast2012": 45])),
        ("Ashampoo__kim", Expectation(exclusion: .noDevelopSettings, values: [:])),
        ("photoprism__photoprism", Expectation(exclusion: .alreadyApplied, values: [:])),
        ("pedropark99__lightroom-preset-converter", Expectation(exclusion: .preset(type: "Normal"), values: [:])),
    ]

    func testEverySampleMatchesItsREADME() throws {
        let folder = TestPaths.sharedSamples
        guard FileManager.default.fileExists(atPath: folder.path) else {
            throw XCTSkip("\(folder.path) is not present")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.lowercased().hasSuffix(".xmp") }.sorted()
        XCTAssertFalse(files.isEmpty)
        for file in files {
            let packet = try XMPReader().read(contentsOf: folder.appendingPathComponent(file))
            guard let expected = expectations.first(where: { file.hasPrefix($0.prefix) })?.expected else {
                XCTFail("\(file): not described in the README table this test knows; add its conclusion")
                continue
            }
            XCTAssertEqual(packet.labelExclusion, expected.exclusion, file)
            XCTAssertEqual(packet.isLabel, expected.exclusion == nil, file)
            for (name, value) in expected.values {
                XCTAssertEqual(packet.settings[name], value, "\(file) \(name)")
            }
            if expected.exclusion == nil {
                XCTAssertEqual(packet.settings.valuesByName, expected.values, file)
            }
        }
    }

    func testLookInsideLightroomClassicSampleDoesNotLeak() throws {
        let folder = TestPaths.sharedSamples
        guard let file = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
            .first(where: { $0.hasPrefix("evanoberholster__imagemeta") })
        else { throw XCTSkip("\(folder.path) is not present") }
        let packet = try XMPReader().read(contentsOf: folder.appendingPathComponent(file))
        XCTAssertEqual(packet.cameraRawVersion, "17.0")
        XCTAssertEqual(packet.processVersion, "15.4")
        XCTAssertFalse(packet.isHDR)
        XCTAssertTrue(packet.structuredDevelopSettings.contains("Look"))
    }
}
