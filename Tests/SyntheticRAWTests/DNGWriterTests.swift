import SeededRandom
import Foundation
import ImageIO
import SyntheticRAW
import Testing

/// A scene with a bit of every tone and hue: a ramp from 4 stops under to 3 over middle grey
/// along x, a different tint in each quarter of the rows.
private func rampScene(width: Int = 96, height: Int = 48) -> LinearImage {
    let tints: [[Float]] = [[1, 1, 1], [1.3, 0.9, 0.7], [0.7, 0.95, 1.3], [0.8, 1.15, 0.8]]
    let pixels = (0..<height).flatMap { y in
        (0..<width).flatMap { x in
            let level = 0.18 * exp2(-4 + 7 * Float(x) / Float(width - 1))
            return tints[y * tints.count / height].map { level * $0 }
        }
    }
    return LinearImage(width: width, height: height, pixels: pixels)
}

/// LibRaw's command-line tools (Debian: libraw-bin) and ExifTool: independent readers of our DNGs.
enum LibRawTools {
    static func path(_ name: String) -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var available: Bool { ["dcraw_emu", "raw-identify", "exiftool"].allSatisfy { path($0) != nil } }

    /// Runs the tool and returns its standard output.
    static func run(_ name: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path(name) ?? name)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(name) \(arguments) failed")
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes with `dcraw_emu -w -4` (camera white balance from AsShotNeutral, linear 16-bit,
    /// no auto-brightening), the recipe of AutoTone's decoder at full size, and returns the
    /// PPM as a linear image (samples scaled to 0…1).
    static func decodeLinear(_ dng: URL) throws -> LinearImage {
        _ = try run("dcraw_emu", ["-w", "-4", dng.path])
        let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dng.path + ".ppm")))
        // Header: "P6\nW H\n65535\n".
        var newlines: [Int] = []
        for (index, byte) in data.enumerated() where byte == 0x0A {
            newlines.append(index)
            if newlines.count == 3 { break }
        }
        let header = String(decoding: data[..<newlines[2]], as: UTF8.self).split(whereSeparator: \.isWhitespace)
        let width = Int(header[1]) ?? 0, height = Int(header[2]) ?? 0
        var pixels = [Float](repeating: 0, count: width * height * 3)
        for index in pixels.indices {
            let offset = newlines[2] + 1 + index * 2
            pixels[index] = Float(UInt16(data[offset]) << 8 | UInt16(data[offset + 1])) / 65535
        }
        return LinearImage(width: width, height: height, pixels: pixels)
    }
}

@Suite("Synthetic sensor and DNG writer")
struct DNGWriterTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("autotone-dng-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func writeDNG(_ scene: LinearImage, iso: Double = 100, orientation: UInt16 = 1, name: String = "test.dng",
                  time: String? = "2024:06:15 10:00:01", xmpPacket: Data? = nil) throws -> URL {
        var sensor = SyntheticSensor()
        sensor.iso = iso
        var rng = SplitMix64(seed: 9)
        var metadata = DNGMetadata()
        metadata.captureTime = time
        metadata.captureHundredths = 42
        metadata.orientation = orientation
        metadata.iso = Int(iso)
        metadata.xmpPacket = xmpPacket
        let url = folder.appendingPathComponent(name)
        try DNGWriter.write(mosaic: sensor.capture(scene, using: &rng), colorMatrix: sensor.colorMatrix,
                            asShotNeutral: sensor.neutral, metadata: metadata, to: url)
        return url
    }

    /// Mean of each channel over the central half of the image (away from demosaicing edges).
    func centreMeans(_ decoded: LinearImage) -> [Float] {
        var sums: [Float] = [0, 0, 0]
        var count: Float = 0
        for y in (decoded.height / 4)..<(decoded.height * 3 / 4) {
            for x in (decoded.width / 4)..<(decoded.width * 3 / 4) {
                for c in 0..<3 { sums[c] += decoded.pixels[(y * decoded.width + x) * 3 + c] }
                count += 1
            }
        }
        return sums.map { $0 / count }
    }

    @Test("LibRaw decodes a flat grey patch as grey, at the level written", arguments: [Float(0.05), 0.18, 0.5])
    func flatGrey(level: Float) throws {
        let url = try writeDNG(LinearImage(width: 64, height: 48, red: level, green: level, blue: level))
        let decoded = try RawDecoder.decode(url, options: .fullSize).image
        #expect(decoded.width == 64 && decoded.height == 48)
        let means = centreMeans(decoded)
        for mean in means { #expect(abs(mean - level) < 0.015 * level + 0.001, "means \(means) for \(level)") }
        #expect(abs(means[0] - means[2]) < 0.02 * level + 0.001)
    }

    @Test("colours come back through ColorMatrix1 and AsShotNeutral")
    func colour() throws {
        let colour: [Float] = [0.30, 0.15, 0.06]
        let url = try writeDNG(LinearImage(width: 64, height: 48, red: colour[0], green: colour[1], blue: colour[2]))
        let decoded = try RawDecoder.decode(url, options: .fullSize).image
        let means = centreMeans(decoded)
        for c in 0..<3 { #expect(abs(means[c] - colour[c]) < 0.03 * colour[c] + 0.002, "means \(means)") }
    }

    @Test("AutoTone's decoder reads ISO, capture time and orientation; half size halves each side")
    func ownMetadata() throws {
        let url = try writeDNG(rampScene(width: 64, height: 32), iso: 400, orientation: 6)
        let metadata = try RawDecoder.readMetadata(url)
        #expect(metadata.make == "AutoTone" && metadata.model == "Synthetic")
        #expect(metadata.iso == 400 && metadata.sensorWidth == 64 && metadata.sensorHeight == 32)
        #expect(metadata.captureTime == Date(timeIntervalSince1970: 1_718_445_601))
        #expect(metadata.embeddedXMP == nil, "no packet was given")
        // Orientation 6 (rotate 90° clockwise) turns the 64×32 mosaic upright: 32 wide, 64 high.
        let full = try RawDecoder.decode(url, options: .fullSize).image
        #expect(full.width == 32 && full.height == 64)
        let half = try RawDecoder.decode(url).image
        #expect(half.width == 16 && half.height == 32)
    }

    @Test("halfSizeDecode gives what AutoTone's decoder makes of the same mosaic written as a DNG")
    func halfSizeDecodeMatchesLibRaw() throws {
        // Every tone and hue, with highlights past clipping (the ramp reaches 3 stops over grey).
        let scene = rampScene(width: 96, height: 48)
        var sensor = SyntheticSensor()
        sensor.iso = 800
        var rng = SplitMix64(seed: 4)
        let mosaic = sensor.capture(scene, using: &rng)
        let url = folder.appendingPathComponent("half.dng")
        try DNGWriter.write(mosaic: mosaic, colorMatrix: sensor.colorMatrix, asShotNeutral: sensor.neutral,
                            metadata: DNGMetadata(), to: url)
        let decoded = try RawDecoder.decode(url).image
        let emulated = sensor.halfSizeDecode(mosaic)
        #expect(decoded.width == emulated.width && decoded.height == emulated.height)
        let differences = zip(decoded.pixels, emulated.pixels).map { abs($0 - $1) }
        let mean = differences.reduce(0, +) / Float(differences.count)
        #expect(mean < 1e-4 && differences.max()! < 1e-3, "mean \(mean), max \(differences.max()!)")
    }

    /// A small Lightroom-like packet with `crs:Exposure2012="+0.35"`, wrapped in `<?xpacket?>`
    /// with padding, of odd length on purpose (the writer pads out-of-line values to a word).
    static let samplePacket: Data = {
        let body = """
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:crs="http://ns.adobe.com/camera-raw-settings/1.0/" crs:Exposure2012="+0.35"/>
            </rdf:RDF></x:xmpmeta>

            """
        let padding = String(repeating: " ", count: body.utf8.count % 2 == 0 ? 101 : 100)
        return Data((body + padding + "\n<?xpacket end=\"w\"?>").utf8)
    }()

    @Test("the embedded XMP packet (tag 700) comes back from LibRaw byte for byte")
    func embeddedPacket() throws {
        let packet = Self.samplePacket
        #expect(packet.count % 2 == 1)
        let url = try writeDNG(rampScene(width: 64, height: 32), xmpPacket: packet)
        #expect(try RawDecoder.readMetadata(url).embeddedXMP == packet)
        #expect(try RawDecoder.decode(url).metadata.embeddedXMP == packet)
        // The pixels are where they were: the packet moved the strip, not what it holds.
        let without = try RawDecoder.decode(try writeDNG(rampScene(width: 64, height: 32), name: "plain.dng"))
        #expect(try RawDecoder.decode(url).image == without.image)
        #expect(throws: DNGWriteError.self) {
            let mosaic = BayerMosaic(width: 2, height: 2, pattern: .rggb, blackLevel: 0, whiteLevel: 4095, values: [1, 2, 3, 4])
            var metadata = DNGMetadata()
            metadata.xmpPacket = Data()
            return try DNGWriter.data(mosaic: mosaic, colorMatrix: SyntheticSensor().colorMatrix,
                                      asShotNeutral: [1, 1, 1], metadata: metadata)
        }
    }

    @Test("dcraw_emu decodes our DNG as AutoTone's decoder does", .enabled(if: LibRawTools.available, "needs libraw-bin"))
    func dcrawCrossCheck() throws {
        let url = try writeDNG(rampScene(width: 64, height: 48), iso: 800)
        let ours = try RawDecoder.decode(url, options: .fullSize).image
        let theirs = try LibRawTools.decodeLinear(url)
        #expect(ours.width == theirs.width && ours.height == theirs.height)
        let worst = zip(ours.pixels, theirs.pixels).map { abs($0 - $1) }.max() ?? 1
        #expect(worst <= 1.5 / 65535, "largest difference \(worst)")
    }

    @Test("raw-identify and ExifTool read camera, CFA, levels, ISO, orientation and capture time",
          .enabled(if: LibRawTools.available, "needs libraw-bin (raw-identify) and exiftool"))
    func metadata() throws {
        let url = try writeDNG(rampScene(width: 64, height: 32), iso: 400, orientation: 6,
                               xmpPacket: Self.samplePacket)
        let report = try LibRawTools.run("raw-identify", ["-v", url.path])
        #expect(report.contains("Camera: AutoTone Synthetic"))
        #expect(report.contains("Filter pattern: RGGB"))
        #expect(report.contains("black: 512"))
        #expect(report.contains("ISO speed: 400"))
        #expect(report.contains("DNG Illuminant 1: D65"))
        #expect(report.contains("Timestamp: Sat Jun 15 10:00:01 2024"))
        // Orientation 6 (rotate 90° clockwise) turns the 64×32 mosaic upright: 32 wide, 64 high.
        #expect(report.contains("Image flip: 6"))
        #expect(report.range(of: #"Output size:\s+32 x 64"#, options: .regularExpression) != nil)
        let exif = try LibRawTools.run("exiftool", ["-s3", "-DateTimeOriginal", "-SubSecTimeOriginal", "-WhiteLevel",
                                                    "-AsShotNeutral", "-XMP-crs:Exposure2012", url.path])
        #expect(exif.split(separator: "\n") == ["2024:06:15 10:00:01", "42", "16383", "0.47 1 0.66", "+0.35"])
    }

    @Test("the sensor clips at the white level, is noisier at higher ISO, and never goes below 0")
    func sensor() {
        var rng = SplitMix64(seed: 1)
        let scene = LinearImage(width: 32, height: 32, red: 0.2, green: 0.2, blue: 0.2)
        func greenSpread(iso: Double) -> Double {
            var sensor = SyntheticSensor()
            sensor.iso = iso
            let mosaic = sensor.capture(scene, using: &rng)
            let greens = (0..<(32 * 32)).filter { sensor.pattern.colour(x: $0 % 32, y: $0 / 32) == 1 }.map { Double(mosaic.values[$0]) }
            let mean = greens.reduce(0, +) / Double(greens.count)
            return (greens.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(greens.count)).squareRoot()
        }
        #expect(greenSpread(iso: 1600) > 2.5 * greenSpread(iso: 100))
        let sensor = SyntheticSensor()
        let bright = sensor.capture(LinearImage(width: 8, height: 8, red: 3, green: 3, blue: 3), using: &rng)
        #expect(bright.values.allSatisfy { $0 == sensor.whiteLevel })
        let dark = sensor.capture(LinearImage(width: 8, height: 8, red: 0, green: 0, blue: 0), using: &rng)
        #expect(dark.values.allSatisfy { abs(Int($0) - Int(sensor.blackLevel)) < 20 })
    }

    @Test("bad inputs are refused, and a failed write leaves nothing behind")
    func badInputs() throws {
        let mosaic = BayerMosaic(width: 2, height: 2, pattern: .rggb, blackLevel: 0, whiteLevel: 4095, values: [1, 2, 3, 4])
        #expect(throws: DNGWriteError.self) {
            try DNGWriter.data(mosaic: mosaic, colorMatrix: [1, 0, 0], asShotNeutral: [1, 1, 1], metadata: DNGMetadata())
        }
        #expect(throws: DNGWriteError.self) {
            try DNGWriter.data(mosaic: mosaic, colorMatrix: SyntheticSensor().colorMatrix, asShotNeutral: [1, 0, 1],
                               metadata: DNGMetadata())
        }
        var metadata = DNGMetadata()
        metadata.orientation = 9
        #expect(throws: DNGWriteError.self) {
            try DNGWriter.data(mosaic: mosaic, colorMatrix: SyntheticSensor().colorMatrix, asShotNeutral: [1, 1, 1],
                               metadata: metadata)
        }
        let nowhere = folder.appendingPathComponent("missing/sub/test.dng")
        #expect(throws: DNGWriteError.self) {
            try DNGWriter.write(mosaic: mosaic, colorMatrix: SyntheticSensor().colorMatrix, asShotNeutral: [1, 1, 1],
                                metadata: DNGMetadata(), to: nowhere)
        }
        // Writing over an existing DNG replaces it and leaves no temporary file.
        let first = try writeDNG(LinearImage(width: 4, height: 4, red: 0.1, green: 0.1, blue: 0.1), name: "again.dng")
        let before = try Data(contentsOf: first)
        _ = try writeDNG(LinearImage(width: 4, height: 4, red: 0.5, green: 0.5, blue: 0.5), name: "again.dng")
        #expect(try Data(contentsOf: first) != before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }.isEmpty)
        #expect(DNGMetadata.exifTimestamp(Date(timeIntervalSince1970: 1_718_445_601)) == "2024:06:15 10:00:01")
        var timed = DNGMetadata()
        timed.setCaptureDate(Date(timeIntervalSince1970: 1_718_445_601.987))
        #expect(timed.captureTime == "2024:06:15 10:00:01" && timed.captureHundredths == 98)
    }
}
