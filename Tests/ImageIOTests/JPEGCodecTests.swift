import Foundation
import XCTest
@testable import ImageIO

final class JPEGCodecTests: XCTestCase {
    /// A smooth gradient survives a quality-95 round trip within a few codes.
    func testRoundTrip() throws {
        let folder = try TestFiles.scratchFolder(for: self)
        let url = folder.appendingPathComponent("gradient.jpg")
        let width = 64, height = 48
        var bytes = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let index = (y * width + x) * 3
                bytes[index] = UInt8(x * 4)
                bytes[index + 1] = UInt8(y * 5)
                bytes[index + 2] = 128
            }
        }
        try JPEGCodec.write(rgb: bytes, width: width, height: height, to: url, quality: 95)
        let decoded = try JPEGCodec.decodeRGB8(Data(contentsOf: url), path: url.path)
        XCTAssertEqual(decoded.width, width)
        XCTAssertEqual(decoded.height, height)
        let meanError = zip(bytes, decoded.bytes).map { abs(Int($0) - Int($1)) }.reduce(0, +)
        XCTAssertLessThan(Double(meanError) / Double(bytes.count), 2.0)
    }

    func testDecodingGivesLinearLight() throws {
        let folder = try TestFiles.scratchFolder(for: self)
        let url = folder.appendingPathComponent("grey.jpg")
        // sRGB code 188 is linear ≈ 0.5.
        try JPEGCodec.write(rgb: [UInt8](repeating: 188, count: 8 * 8 * 3), width: 8, height: 8, to: url, quality: 100)
        let photo = try PhotoDecoder.decode(url)
        XCTAssertEqual(photo.image.pixels[0], 0.5, accuracy: 0.01)
    }

    func testCorruptJPEGsGiveErrorsNotExit() throws {
        let folder = try TestFiles.scratchFolder(for: self)
        let good = folder.appendingPathComponent("good.jpg")
        var bytes = [UInt8](repeating: 0, count: 64 * 64 * 3)
        for index in bytes.indices { bytes[index] = UInt8(truncatingIfNeeded: index &* 31) }
        try JPEGCodec.write(rgb: bytes, width: 64, height: 64, to: good)
        let data = try Data(contentsOf: good)

        let truncated = folder.appendingPathComponent("truncated.jpg")
        try data.prefix(data.count / 2).write(to: truncated)
        XCTAssertThrowsError(try JPEGCodec.decode(truncated)) { error in
            guard case DecodeError.corruptData(let path, _) = error else { return XCTFail("got \(error)") }
            XCTAssertEqual(path, truncated.path)
        }

        let headerOnly = folder.appendingPathComponent("header.jpg")
        try data.prefix(20).write(to: headerOnly)
        XCTAssertThrowsError(try JPEGCodec.decode(headerOnly)) { error in
            guard case DecodeError.corruptData = error else { return XCTFail("got \(error)") }
        }

        let text = folder.appendingPathComponent("text.jpg")
        try Data("not a jpeg at all".utf8).write(to: text)
        XCTAssertThrowsError(try JPEGCodec.decode(text)) { error in
            guard case DecodeError.unsupportedFormat = error else { return XCTFail("got \(error)") }
        }
    }
}

/// AutoTone's JPEGs say they are AutoTone's, so a later run may replace them and nothing else.
final class JPEGCommentTests: XCTestCase {
    func testEveryJPEGAutoToneWritesCarriesItsCommentAndStillDecodes() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("comment-\(UUID()).jpg")
        defer { try? FileManager.default.removeItem(at: url) }
        let rgb = (0..<(16 * 8 * 3)).map { UInt8($0 % 256) }
        try JPEGCodec.write(rgb: rgb, width: 16, height: 8, to: url)
        XCTAssertEqual(JPEGComment.comments(in: url), [JPEGComment.autoTone])
        XCTAssertTrue(JPEGComment.isAutoTone(url))
        let bytes = [UInt8](try Data(contentsOf: url))
        XCTAssertEqual(Array(bytes[2...3]), [0xFF, 0xE0], "JFIF's APP0 stays first, as strict readers expect")
        let decoded = try JPEGCodec.decodeRGB8(Data(contentsOf: url), path: url.path)
        XCTAssertEqual(decoded.width, 16)
        XCTAssertEqual(decoded.height, 8)
    }

    func testOtherFilesAreNotAutoTones() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plain-\(UUID()).jpg")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data([0xFF, 0xD8, 0xFF, 0xFE, 0x00, 0x07] + Array("other".utf8) + [0xFF, 0xD9]).write(to: url)
        XCTAssertEqual(JPEGComment.comments(in: url), ["other"])
        XCTAssertFalse(JPEGComment.isAutoTone(url))
        try Data("not a jpeg".utf8).write(to: url)
        XCTAssertEqual(JPEGComment.comments(in: url), [])
    }
}
