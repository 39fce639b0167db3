import Foundation
import XCTest
@testable import ImageIO

final class RawDecoderTests: XCTestCase {
    func testDecodesTheSampleCR2AtHalfSize() throws {
        let photo = try RawDecoder.decode(TestFiles.sampleCR2)
        XCTAssertEqual(photo.metadata.make, "Canon")
        XCTAssertEqual(photo.metadata.model, "EOS 30D")
        XCTAssertEqual(photo.metadata.sensorWidth, 3596)
        XCTAssertEqual(photo.metadata.sensorHeight, 2360)
        XCTAssertEqual(photo.metadata.iso, 640)
        XCTAssertNotNil(photo.metadata.captureTime)
        // Half size of the 3522×2348 visible area, landscape.
        XCTAssertEqual(photo.image.width, 1761)
        XCTAssertEqual(photo.image.height, 1174)
        let pixels = photo.image.pixels
        XCTAssertTrue(pixels.allSatisfy { $0 >= 0 && $0 <= 1 }, "linear values must lie in 0…1")
        let mean = pixels.reduce(0, +) / Float(pixels.count)
        // Linear and not auto-brightened: this frame is dark (mean well below mid-grey 0.18).
        XCTAssertGreaterThan(mean, 0.01)
        XCTAssertLessThan(mean, 0.15)
    }

    func testDecodingIsDeterministic() throws {
        let first = try RawDecoder.decode(TestFiles.sampleCR2)
        let second = try RawDecoder.decode(TestFiles.sampleCR2)
        XCTAssertEqual(first.image, second.image)
    }

    func testFullSizeDoublesTheResolution() throws {
        let photo = try RawDecoder.decode(TestFiles.sampleCR2, options: .fullSize)
        XCTAssertEqual(photo.image.width, 3522)
        XCTAssertEqual(photo.image.height, 2348)
    }

    func testMetadataOnlyReadsNoPixels() throws {
        let metadata = try RawDecoder.readMetadata(TestFiles.sampleCR2)
        XCTAssertEqual(metadata.model, "EOS 30D")
        XCTAssertNil(metadata.embeddedXMP, "a CR2 carries no XMP packet")
    }

    func testRefusesFramesAboveThePixelLimit() throws {
        XCTAssertThrowsError(try RawDecoder.decode(TestFiles.sampleCR2, options: DecodeOptions(maxPixels: 1_000_000))) { error in
            guard case DecodeError.outOfMemory(let path, _) = error else { return XCTFail("got \(error)") }
            XCTAssertEqual(path, TestFiles.sampleCR2.path)
        }
    }
}
