import Foundation
import SeededRandom
import XCTest
@testable import ImageIO
import SyntheticRAW

/// The binned decode (`RawDecoder.decodeSmall`) against the full path it replaces for
/// `predict`: LibRaw's half-size develop, then `AreaResize`.
final class BayerBinningTests: XCTestCase {
    /// The full path, as `predict` ran it before the binned decode.
    private func fullPath(_ url: URL, width: Int, height: Int) throws -> LinearImage {
        AreaResize.resize(try RawDecoder.decode(url).image, width: width, height: height)
    }

    private func largestDifference(_ a: LinearImage, _ b: LinearImage) -> Float {
        XCTAssertEqual(a.width, b.width)
        XCTAssertEqual(a.height, b.height)
        return zip(a.pixels, b.pixels).map { abs($0 - $1) }.max() ?? .infinity
    }

    func testTheSampleCR2BinsToWhatTheFullPathGives() throws {
        for (width, height) in [(224, 224), (97, 31)] {
            let binned = try RawDecoder.decodeSmall(TestFiles.sampleCR2, width: width, height: height)
            let full = try fullPath(TestFiles.sampleCR2, width: width, height: height)
            // The same LibRaw arithmetic, summed in the same order: equal but for Float rounding.
            XCTAssertLessThan(largestDifference(binned.image, full), 2e-6, "\(width)×\(height)")
            XCTAssertEqual(binned.metadata.model, "EOS 30D")
        }
    }

    func testTheSampleCR2TakesTheBinnedPath() throws {
        let handle = try LibRawHandle(path: TestFiles.sampleCR2.path)
        handle.configureLinearOutput(halfSize: true)
        try handle.open(readingWholeFile: 64 << 20)
        try handle.unpack()
        let frame = try XCTUnwrap(handle.bayerFrame(), "a Canon CR2 is a plain 2×2 Bayer sensor")
        XCTAssertEqual(Set(frame.pattern), [0, 1, 2, 3])
        XCTAssertEqual(frame.halfWidth, 1761)
        XCTAssertEqual(frame.halfHeight, 1174)
        XCTAssertNotNil(frame.cameraToSRGB)
    }

    static func hasFrame(_ url: URL) throws -> Bool {
        let handle = try LibRawHandle(path: url.path)
        handle.configureLinearOutput(halfSize: true)
        try handle.open()
        try handle.unpack()
        return handle.bayerFrame() != nil
    }

    func testTheFullSizeSettingsHaveNoFrame() throws {
        let handle = try LibRawHandle(path: TestFiles.sampleCR2.path)
        handle.configureLinearOutput(halfSize: false)
        try handle.open()
        try handle.unpack()
        XCTAssertNil(handle.bayerFrame(), "the frame describes LibRaw's half-size develop only")
    }

    /// DNGs of every CFA layout and orientation, with clipped highlights and deep shadows:
    /// LibRaw's DNG path (black and white levels from tags, AsShotNeutral, ColorMatrix1).
    func testDNGsOfEveryPatternAndOrientationBinAsTheFullPath() throws {
        let folder = try TestFiles.scratchFolder(for: self)
        let scene = Self.ramp(width: 90, height: 58)
        for pattern in [BayerMosaic.Pattern.rggb, .grbg, .gbrg, .bggr] {
            for orientation: UInt16 in [1, 2, 3, 4, 5, 6, 7, 8] {
                var sensor = SyntheticSensor()
                sensor.pattern = pattern
                sensor.iso = 1600
                var rng = SplitMix64(seed: UInt64(orientation))
                var metadata = DNGMetadata()
                metadata.orientation = orientation
                let url = folder.appendingPathComponent("\(pattern)-\(orientation).dng")
                try DNGWriter.write(mosaic: sensor.capture(scene, using: &rng), colorMatrix: sensor.colorMatrix,
                                    asShotNeutral: sensor.neutral, metadata: metadata, to: url)
                XCTAssertTrue(try Self.hasFrame(url), "a DNG of a 2×2 Bayer mosaic takes the binned path")
                for (width, height) in [(24, 24), (13, 7)] {
                    let binned = try RawDecoder.decodeSmall(url, width: width, height: height).image
                    let full = try fullPath(url, width: width, height: height)
                    XCTAssertLessThan(largestDifference(binned, full), 2e-6, "\(pattern), orientation \(orientation), \(width)×\(height)")
                }
            }
        }
    }

    /// A frame with margins and odd visible sizes (partial 2×2 blocks at the right and bottom),
    /// black per channel, and a white level the data nearly reaches, against a plain reading of
    /// LibRaw's steps on the half-size image followed by `AreaResize`.
    func testOddSizesAndMarginsFollowLibRawsSteps() {
        let rawWidth = 41, rawHeight = 30
        var rng = SplitMix64(seed: 3)
        let samples = (0..<(rawWidth * rawHeight)).map { _ in UInt16(rng.next() % 4000) + 60 }
        samples.withUnsafeBufferPointer { buffer in
            let frame = BayerFrame(
                samples: buffer.baseAddress!, pitch: rawWidth, rawWidth: rawWidth, rawHeight: rawHeight,
                topMargin: 2, leftMargin: 3, width: 37, height: 27, pattern: [1, 2, 0, 3],
                channelBlack: [128, 130, 126, 129], commonBlack: 126, maximum: 4100,
                adjustMaximumThreshold: 0.75, whiteBalance: [2.1, 1, 1.6, 1],
                cameraToSRGB: [1.6, -0.5, -0.1, -0.2, 1.4, -0.2, 0.05, -0.45, 1.4], flip: 5)
            let reference = AreaResize.resize(Self.halfSizeDevelop(frame), width: 11, height: 8)
            let binned = BayerBinning.bin(frame, width: 11, height: 8)
            XCTAssertLessThan(largestDifference(binned, reference), 2e-6)
        }
    }

    func testTheDataMaximumReplacesAWhiteLevelItNearlyReaches() {
        let samples: [UInt16] = [100, 3700, 100, 100]
        samples.withUnsafeBufferPointer { buffer in
            var frame = BayerFrame(
                samples: buffer.baseAddress!, pitch: 2, rawWidth: 2, rawHeight: 2, topMargin: 0, leftMargin: 0,
                width: 2, height: 2, pattern: [0, 1, 3, 2], channelBlack: [100, 100, 100, 100], commonBlack: 100,
                maximum: 4095, adjustMaximumThreshold: 0.75, whiteBalance: [2, 1, 1.5, 1], cameraToSRGB: nil, flip: 0)
            XCTAssertEqual(BayerBinning.dataMaximum(frame), 3600)
            // 3600 is above 0.75 × 3995: it becomes the white level, so the green photosite is full scale.
            XCTAssertEqual(BayerBinning.scaleMultipliers(frame)[1], 65535 / 3600, accuracy: 1e-3)
            frame.adjustMaximumThreshold = nil
            XCTAssertEqual(BayerBinning.scaleMultipliers(frame)[1], 65535 / 3995, accuracy: 1e-3)
        }
    }

    /// LibRaw's half-size develop written out plainly, one step over the whole image at a time.
    static func halfSizeDevelop(_ frame: BayerFrame) -> LinearImage {
        let scale = BayerBinning.scaleMultipliers(frame)
        let w = frame.halfWidth, h = frame.halfHeight
        var four = [[Int]](repeating: [0, 0, 0, 0], count: w * h)
        for y in 0..<min(frame.height, frame.rawHeight - frame.topMargin) {
            for x in 0..<min(frame.width, frame.rawWidth - frame.leftMargin) {
                let colour = frame.pattern[(y & 1) * 2 + (x & 1)]
                let sample = Int(frame.samples[(y + frame.topMargin) * frame.pitch + x + frame.leftMargin])
                four[(y / 2) * w + x / 2][colour] = max(0, sample - frame.channelBlack[colour])
            }
        }
        func clip(_ x: Float) -> Int { x <= 0 ? 0 : min(65535, Int(x)) }
        var pixels: [Float] = []
        for value in four {
            let s = (0..<4).map { clip(Float(value[$0]) * scale[$0]) }
            let rgb = [Float(s[0]), Float((s[1] + s[3]) >> 1), Float(s[2])]
            for row in 0..<3 {
                let m = frame.cameraToSRGB!
                pixels.append(Float(clip(m[row * 3] * rgb[0] + m[row * 3 + 1] * rgb[1] + m[row * 3 + 2] * rgb[2])) / 65535)
            }
        }
        // Orientation as LibRaw's flip_index: transpose, then flip rows, then columns.
        let transposed = frame.flip & 4 != 0
        let outW = transposed ? h : w, outH = transposed ? w : h
        var oriented = [Float](repeating: 0, count: outW * outH * 3)
        for y in 0..<outH {
            for x in 0..<outW {
                var (row, column) = transposed ? (x, y) : (y, x)
                if frame.flip & 2 != 0 { row = h - 1 - row }
                if frame.flip & 1 != 0 { column = w - 1 - column }
                for c in 0..<3 { oriented[(y * outW + x) * 3 + c] = pixels[(row * w + column) * 3 + c] }
            }
        }
        return LinearImage(width: outW, height: outH, pixels: oriented)
    }

    /// Every hue left to right, from 6 stops under mid-grey to 3 over top to bottom.
    static func ramp(width: Int, height: Int) -> LinearImage {
        var pixels: [Float] = []
        for y in 0..<height {
            let level = 0.18 * Float(pow(2, 3 - 9 * Double(y) / Double(height - 1)))
            for x in 0..<width {
                let hue = Float(x) / Float(width) * 6
                let r = max(0, min(1, abs(hue - 3) - 1)), g = max(0, min(1, 2 - abs(hue - 2))), b = max(0, min(1, 2 - abs(hue - 4)))
                pixels += [level * (0.3 + r), level * (0.3 + g), level * (0.3 + b)]
            }
        }
        return LinearImage(width: width, height: height, pixels: pixels)
    }
}
