import SeededRandom
import XCTest

@testable import XMP

final class DevelopSettingsTests: XCTestCase {
    func testFormatsExactlyAsLightroom() {
        let exposure = SettingDescriptor.exposure2012
        XCTAssertEqual(exposure.format(0.35), "+0.35")
        XCTAssertEqual(exposure.format(-1.2), "-1.20")
        XCTAssertEqual(exposure.format(0), "0.00")
        XCTAssertEqual(exposure.format(-0.001), "0.00")
        XCTAssertEqual(exposure.format(2.5), "+2.50")
        XCTAssertEqual(exposure.format(0.005), "+0.01")
        XCTAssertEqual(exposure.format(9), "+5.00")
        let contrast = SettingDescriptor.contrast2012
        XCTAssertEqual(contrast.format(12), "+12")
        XCTAssertEqual(contrast.format(-8), "-8")
        XCTAssertEqual(contrast.format(0), "0")
        XCTAssertEqual(contrast.format(-0.4), "0")
        XCTAssertEqual(contrast.format(100), "+100")
        XCTAssertEqual(contrast.format(-250), "-100")
        XCTAssertEqual(contrast.format(11.5), "+12")
    }

    func testParsesLeniently() {
        let exposure = SettingDescriptor.exposure2012
        XCTAssertEqual(exposure.parse("+0.35"), 0.35)
        XCTAssertEqual(exposure.parse("0.35"), 0.35)
        XCTAssertEqual(exposure.parse("+0"), 0)
        XCTAssertEqual(exposure.parse("5"), 5)
        XCTAssertEqual(exposure.parse("1.0"), 1)
        XCTAssertEqual(exposure.parse(" -1.20\n"), -1.2)
        XCTAssertEqual(exposure.parse(".5"), 0.5)
        XCTAssertEqual(exposure.parse("7"), 5, "clamped to the slider range")
        for bad in ["", "+", "abc", "0x10", "nan", "inf", "1,5", "1.2.3", "--1", "1e", "½"] {
            XCTAssertNil(exposure.parse(bad), bad)
        }
        XCTAssertEqual(SettingDescriptor.vibrance.parse("-25"), -25)
    }

    func testScalesToAndFromUnitInterval() {
        let settings = DevelopSettings(["Exposure2012": 1.25, "Contrast2012": -40, "Saturation": 100])
        let units = settings.unitValues
        XCTAssertEqual(units[0]!, 0.25, accuracy: 1e-12)
        XCTAssertEqual(units[1]!, -0.4, accuracy: 1e-12)
        XCTAssertNil(units[2], "absent stays absent")
        XCTAssertEqual(units[7]!, 1, accuracy: 1e-12)
        let back = DevelopSettings(unitValues: units)
        XCTAssertEqual(back, settings)

        let predicted = DevelopSettings(unitValues: [0.0713, -0.999, 0.004, nil, 0.5, -0.5, 1.7, -0.123])
        XCTAssertEqual(predicted["Exposure2012"], 0.36)
        XCTAssertEqual(predicted["Contrast2012"], -100)
        XCTAssertEqual(predicted["Highlights2012"], 0)
        XCTAssertNil(predicted["Shadows2012"])
        XCTAssertEqual(predicted["Vibrance"], 100, "tanh never gives 1.7, but clamping must hold")
        XCTAssertEqual(predicted["Saturation"], -12)
        XCTAssertEqual(predicted.description,
                       "Exposure2012=+0.36 Contrast2012=-100 Highlights2012=0 Whites2012=+50 Blacks2012=-50 Vibrance=+100 Saturation=-12")
    }

    func testAbsentIsNotZero() {
        var settings = DevelopSettings()
        XCTAssertTrue(settings.isEmpty)
        settings[.vibrance] = 0
        XCTAssertEqual(settings["Vibrance"], 0)
        XCTAssertNil(settings["Saturation"])
        settings[.vibrance] = nil
        XCTAssertTrue(settings.isEmpty)
    }

    func testDescriptorsAreData() throws {
        // A later Temperature setting needs no code change: a descriptor is enough.
        let temperature = SettingDescriptor(
            name: "Temperature", minimum: 2000, maximum: 50000, center: 5500, scale: 4500, decimals: 0,
            signStyle: .plain)
        let descriptors = SettingDescriptor.standard + [temperature]
        let settings = DevelopSettings(unitValues: Array(repeating: nil, count: 8) + [0.1], descriptors: descriptors)
        XCTAssertEqual(settings["Temperature"], 5950)
        XCTAssertEqual(settings.formatted("Temperature"), "5950")
        let encoded = try JSONEncoder().encode(descriptors)
        XCTAssertEqual(try JSONDecoder().decode([SettingDescriptor].self, from: encoded), descriptors)
        XCTAssertEqual(SettingDescriptor.standard.map(\.name), [
            "Exposure2012", "Contrast2012", "Highlights2012", "Shadows2012", "Whites2012", "Blacks2012",
            "Vibrance", "Saturation",
        ])
        XCTAssertEqual(SettingDescriptor.exposure2012.scale, 5)
        XCTAssertEqual(SettingDescriptor.blacks2012.scale, 100)
    }

    func testMetadataDateHasOffset() {
        let date = Date(timeIntervalSince1970: 1_778_000_000)
        XCTAssertEqual(MetadataDate.format(date, timeZone: TimeZone(secondsFromGMT: 0)!), "2026-05-05T16:53:20+00:00")
        XCTAssertEqual(MetadataDate.format(date, timeZone: TimeZone(secondsFromGMT: -8 * 3600)!), "2026-05-05T08:53:20-08:00")
        XCTAssertEqual(MetadataDate.format(date, timeZone: TimeZone(secondsFromGMT: 5 * 3600 + 1800)!), "2026-05-05T22:23:20+05:30")
    }
}

extension DevelopSettingsTests {
    func testCodableKeepsDescriptorsAndAbsence() throws {
        var settings = DevelopSettings(["Exposure2012": -1.2, "Contrast2012": 7])
        settings[.vibrance] = nil
        let decoded = try JSONDecoder().decode(DevelopSettings.self, from: JSONEncoder().encode(settings))
        XCTAssertEqual(decoded, settings)
        XCTAssertNil(decoded["Vibrance"])
        XCTAssertEqual(decoded.descriptors, SettingDescriptor.standard)
    }
}

extension DevelopSettingsTests {
    /// Every value Lightroom can store survives format → parse unchanged (exhaustive).
    func testEveryLegalValueRoundTripsThroughText() {
        for descriptor in SettingDescriptor.standard {
            let steps = descriptor.decimals == 2 ? 100.0 : 1.0
            for n in Int(descriptor.minimum * steps)...Int(descriptor.maximum * steps) {
                let value = Double(n) / steps
                let text = descriptor.format(value)
                XCTAssertEqual(descriptor.parse(text), value, "\(descriptor.name) \(text)")
                XCTAssertEqual(text.first == "+", value > 0, text)
            }
        }
    }

    /// Random network outputs (seeded) written to a sidecar read back as the same settings.
    func testRandomPredictionsRoundTripThroughSidecars() throws {
        var rng = SplitMix64(seed: 20261123)
        for _ in 0..<200 {
            let units: [Double?] = (0..<8).map { _ in
                rng.next() % 8 == 0 ? nil : Double(rng.next() % 2_000_001) / 1_000_000 - 1
            }
            let settings = DevelopSettings(unitValues: units)
            let data = try SidecarMerger.newSidecar(content(settings))
            XCTAssertEqual(try XMPReader().read(data: data, source: "random").settings, settings)
        }
    }
}
