import Foundation
import ImageIO
import Training
import XCTest

/// `autotone preview` through the built executable, with an untrained micro model.
final class PreviewCommandTests: XCTestCase {
    private var folder: URL!
    private var weights: URL!

    override func setUpWithError() throws {
        (folder, weights) = try MicroModel.makeFolder(prefix: "preview")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func sample(_ number: Int) -> String {
        String(format: "SampleRAWs/shoot/IMG_%04d.dng", number)
    }

    /// The JPEG's panels (each `width` wide, 8 px apart) as 8-bit RGB rows.
    private func panels(of url: URL, width: Int) throws -> (height: Int, panels: [[UInt8]]) {
        let image = try JPEGCodec.decodeRGB8(try Data(contentsOf: url), path: url.path)
        let count = (image.width + 8) / (width + 8)
        XCTAssertEqual(image.width, count * width + (count - 1) * 8)
        let panels = (0..<count).map { panel in
            (0..<image.height).flatMap { y in
                let start = (y * image.width + panel * (width + 8)) * 3
                return image.bytes[start..<(start + width * 3)]
            }
        }
        return (image.height, panels)
    }

    private func meanDifference(_ a: [UInt8], _ b: [UInt8]) -> Double {
        zip(a, b).reduce(0.0) { $0 + abs(Double($1.0) - Double($1.1)) } / Double(a.count)
    }

    func testBeforeAutoToneAndPhotographerSideBySide() throws {
        let out = folder.appendingPathComponent("edited.jpg")
        let result = try CommandRunner.run(["preview", sample(1), "--weights", weights.path, "--size", "120", out.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("before | AutoTone | photographer, 120×80 each"), result.standardOutput)
        // The photographer's column holds the edit embedded in the DNG.
        XCTAssertTrue(result.standardOutput.contains("Highlights2012"), result.standardOutput)
        let (height, panels) = try panels(of: out, width: 120)
        XCTAssertEqual(height, 80)
        XCTAssertEqual(panels.count, 3)
        // The untrained model's settings are not all zero (the printed table says so: Contrast
        // -15 among others), so the AutoTone panel differs from the before panel, and the
        // photographer's (Highlights -100, Shadows +100) more. Panels are 128 px apart, a whole
        // number of JPEG blocks, so two identical renderings would differ by well under 0.5.
        let autoTone = result.standardOutput.split(separator: "\n").dropFirst(2).prefix(8)
            .map { $0.split(separator: " ")[1] }
        XCTAssertTrue(autoTone.contains { $0 != "0" && $0 != "0.00" }, result.standardOutput)
        XCTAssertGreaterThan(meanDifference(panels[0], panels[1]), 1)
        XCTAssertGreaterThan(meanDifference(panels[0], panels[2]), 5)
    }

    func testAnUneditedRawHasTwoPanelsAndTheDecodedSizeIsNotEnlarged() throws {
        let out = folder.appendingPathComponent("unedited.jpg")
        let result = try CommandRunner.run(["preview", sample(21), out.path, "--weights", weights.path, "--size", "5000"])
        XCTAssertEqual(result.status, 0, result.standardError)
        let decoded = try RawDecoder.decode(CommandRunner.packageRoot.appendingPathComponent(sample(21))).image
        XCTAssertTrue(result.standardOutput.contains("before | AutoTone, \(decoded.width)×\(decoded.height) each"),
                      result.standardOutput)
        let (height, panels) = try panels(of: out, width: decoded.width)
        XCTAssertEqual(height, decoded.height)
        XCTAssertEqual(panels.count, 2)
    }

    func testABadRawFailsNamingTheFileAndWritesNothing() throws {
        let broken = folder.appendingPathComponent("broken.dng")
        try Data("not a raw".utf8).write(to: broken)
        let out = folder.appendingPathComponent("broken.jpg")
        let result = try CommandRunner.run(["preview", broken.path, out.path, "--weights", weights.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains(broken.path), result.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))

        let unwritable = folder.appendingPathComponent("no/such/folder/out.jpg")
        let cannotWrite = try CommandRunner.run(["preview", sample(21), unwritable.path, "--weights", weights.path,
                                                 "--size", "64"])
        XCTAssertEqual(cannotWrite.status, 1)
        XCTAssertTrue(cannotWrite.standardError.contains(unwritable.path), cannotWrite.standardError)
    }

    func testUsageErrorsExitWithStatus2() throws {
        let out = folder.appendingPathComponent("x.jpg").path
        for arguments in [["preview"], ["preview", sample(1)], ["preview", sample(1), out, "--size", "0"]] {
            let result = try CommandRunner.run(arguments + ["--weights", weights.path])
            XCTAssertEqual(result.status, 2, "\(arguments): \(result.standardError)")
        }
        // The output may never replace the RAW.
        let copy = folder.appendingPathComponent("copy.dng")
        try FileManager.default.copyItem(at: CommandRunner.packageRoot.appendingPathComponent(sample(21)), to: copy)
        let before = try Data(contentsOf: copy)
        let overRaw = try CommandRunner.run(["preview", copy.path, copy.path, "--weights", weights.path])
        XCTAssertEqual(overRaw.status, 2)
        XCTAssertEqual(try Data(contentsOf: copy), before)
        let missingModel = try CommandRunner.run(["preview", sample(1), out, "--weights", "no/such.safetensors"])
        XCTAssertEqual(missingModel.status, 2)
        XCTAssertTrue(missingModel.standardError.contains("no/such.safetensors"), missingModel.standardError)
    }

    func testWithoutWeightsItSaysWhereTheShippedOnesBelong() throws {
        if ShippedWeights.locate(executable: CommandRunner.executable, environment: [:], currentDirectory: folder) != nil {
            throw XCTSkip("the shipped weights exist, so the message for their absence cannot be shown")
        }
        let result = try CommandRunner.run(["preview", CommandRunner.packageRoot.appendingPathComponent(sample(1)).path,
                                            folder.appendingPathComponent("x.jpg").path], in: folder)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.standardError.contains(ShippedWeights.relativePath) && result.standardError.contains("--weights"),
                      result.standardError)
    }
}
