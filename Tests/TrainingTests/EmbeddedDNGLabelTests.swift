import SeededRandom
import Foundation
import ImageIO
import SyntheticRAW
import XCTest
import XMP

/// A DNG's training label travels the way Lightroom stores it: an XMP packet embedded in the
/// DNG (TIFF tag 700), read back through LibRaw, then through the XMP reader.
final class EmbeddedDNGLabelTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("embedded-label-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func writeDNG(named name: String, packet: Data?) throws -> URL {
        let sensor = SyntheticSensor()
        var rng = SplitMix64(seed: 5)
        let scene = LinearImage(width: 32, height: 24, red: 0.2, green: 0.18, blue: 0.15)
        var metadata = DNGMetadata()
        metadata.xmpPacket = packet
        let url = folder.appendingPathComponent(name)
        try DNGWriter.write(mosaic: sensor.capture(scene, using: &rng), colorMatrix: sensor.colorMatrix,
                            asShotNeutral: sensor.neutral, metadata: metadata, to: url)
        return url
    }

    func testTheEmbeddedPacketIsTheLabelWithItsEightValues() throws {
        let values: [String: Double] = [
            "Exposure2012": 0.85, "Contrast2012": -12, "Highlights2012": -64, "Shadows2012": 48,
            "Whites2012": -17, "Blacks2012": 9, "Vibrance": 22, "Saturation": -5,
        ]
        let packet = try SidecarMerger.newSidecar(SidecarContent(settings: DevelopSettings(values), rawFileName: "IMG_0001.dng"))
        let dng = try writeDNG(named: "IMG_0001.dng", packet: packet)

        let embedded = try XCTUnwrap(RawDecoder.readMetadata(dng).embeddedXMP)
        XCTAssertEqual(embedded, packet, "LibRaw hands back the bytes written, without its NUL terminator")
        let reading = SidecarReading.read(forRaw: dng, embeddedPacket: embedded)
        XCTAssertEqual(reading.source, dng.path + " (embedded XMP)")
        let label = try XCTUnwrap(reading.label, reading.reason ?? "")
        XCTAssertEqual(label.valuesByName, values)
        XCTAssertEqual(label.present.map(\.descriptor), SettingDescriptor.standard)
    }

    func testADNGWithoutAPacketHasNoLabelEvenWithASidecarNextToIt() throws {
        let dng = try writeDNG(named: "IMG_0002.dng", packet: nil)
        let sidecar = try SidecarMerger.newSidecar(
            SidecarContent(settings: DevelopSettings(["Exposure2012": 1]), rawFileName: "IMG_0002.dng"))
        try sidecar.write(to: folder.appendingPathComponent("IMG_0002.xmp"))
        let embedded = try RawDecoder.readMetadata(dng).embeddedXMP
        XCTAssertNil(embedded)
        let reading = SidecarReading.read(forRaw: dng, embeddedPacket: embedded)
        XCTAssertNil(reading.label)
        XCTAssertEqual(reading.reason, "the DNG has no embedded XMP")
    }
}
