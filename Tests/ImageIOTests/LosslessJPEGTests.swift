import Foundation
import SeededRandom
import XCTest
@testable import ImageIO

/// `LosslessJPEG` against LibRaw's own decoder on the sample CR2 (intact and damaged), and on
/// streams written here with known samples: every layout LibRaw's reading places, and every
/// stream the decoder must leave to LibRaw.
final class LosslessJPEGTests: XCTestCase {
    // MARK: - Against LibRaw on real files

    /// What unpack left, as the binned decode reads it: the samples, the black levels LibRaw
    /// measured from the masked border, the white level.
    private struct Unpacked: Equatable {
        var samples: [UInt16]
        var black: [Int]
        var maximum: Int
    }

    private func unpack(_ url: URL, libRawOnly: Bool) throws -> (Unpacked, byLosslessJPEG: Bool) {
        let handle = try LibRawHandle(path: url.path)
        handle.configureLinearOutput(halfSize: true)
        try handle.open(readingWholeFile: 64 << 20)
        try handle.unpack(usingLibRawOnly: libRawOnly)
        let frame = try XCTUnwrap(handle.bayerFrame())
        let unpacked = Unpacked(samples: Array(UnsafeBufferPointer(start: frame.samples, count: frame.pitch * frame.rawHeight)),
                                black: frame.channelBlack + [frame.commonBlack], maximum: frame.maximum)
        return (unpacked, handle.decodedByLosslessJPEG)
    }

    func testTheSampleCR2DecodesToLibRawsOwnSamples() throws {
        let (ours, byLosslessJPEG) = try unpack(TestFiles.sampleCR2, libRawOnly: false)
        let (libRaw, _) = try unpack(TestFiles.sampleCR2, libRawOnly: true)
        XCTAssertTrue(byLosslessJPEG, "a Canon CR2 is lossless JPEG in slices: ours to decode")
        XCTAssertEqual(ours.samples.count, 3596 * 2360)
        XCTAssertEqual(zip(ours.samples, libRaw.samples).filter { $0 != $1 }.count, 0, "samples equal LibRaw's")
        XCTAssertEqual(ours.black, libRaw.black, "the black levels LibRaw measures from the masked border")
        XCTAssertEqual(ours.maximum, libRaw.maximum)
        XCTAssertGreaterThan(Set(ours.samples.prefix(100_000)).count, 100, "real data, not a constant")
    }

    /// Damaged copies: flipped bytes in the entropy-coded data and files cut short. Whatever
    /// the damage, the result is LibRaw's: the same samples, or the same error.
    func testDamagedCR2sGiveWhatLibRawGives() throws {
        let original = try Data(contentsOf: TestFiles.sampleCR2)
        let folder = try TestFiles.scratchFolder(for: self)
        var random = SplitMix64(seed: 18)
        var variants: [(String, Data)] = []
        for index in 0..<3 {
            var damaged = original
            // Past the headers, inside the raw data (the CR2's last ~6 MB).
            let position = original.count / 3 + random.nextIndex(below: original.count * 2 / 3 - 16)
            for offset in 0..<8 { damaged[position + offset] ^= UInt8(1 + random.nextIndex(below: 255)) }
            variants.append(("flipped-\(index).CR2", damaged))
        }
        variants.append(("stuffing.CR2", { var d = original; d[original.count / 2] = 0xFF; d[original.count / 2 + 1] = 0xD3; return d }()))
        variants.append(("cut.CR2", original.prefix(original.count * 2 / 3)))
        for (name, bytes) in variants {
            let url = folder.appendingPathComponent(name)
            try bytes.write(to: url)
            let ours = Result(catching: { try unpack(url, libRawOnly: false).0 })
            let libRaw = Result(catching: { try unpack(url, libRawOnly: true).0 })
            switch (ours, libRaw) {
            case let (.success(a), .success(b)): XCTAssertTrue(a == b, name)
            case let (.failure(a), .failure(b)): XCTAssertEqual("\(a)", "\(b)", name)
            default: XCTFail("\(name): ours \(ours), LibRaw's \(libRaw)")
            }
        }
    }

    // MARK: - Streams with known samples

    /// Decodes `stream` into a `rawWidth`×`rawHeight` frame; nil when the decoder declines.
    private func decode(_ stream: [UInt8], rawWidth: Int, rawHeight: Int, slices: (Int, Int, Int) = (0, 0, 0),
                        curve: [UInt16] = (0...65_535).map { UInt16($0) }, dngVersion: UInt32 = 0) -> [UInt16]? {
        var frame = [UInt16](repeating: 0xBEEF, count: rawWidth * rawHeight)
        // Some bytes before the stream, as in a file: the offset is the decoder's to honour.
        let file = [UInt8](repeating: 0x11, count: 5) + stream
        let decoded = frame.withUnsafeMutableBufferPointer { frame in
            curve.withUnsafeBufferPointer { curve in
                file.withUnsafeBytes { file in
                    LosslessJPEG.decode(file, offset: 5, into: .init(
                        samples: frame.baseAddress!, rawWidth: rawWidth, rawHeight: rawHeight, slices: slices,
                        curve: curve.baseAddress!, dngVersion: dngVersion))
                }
            }
        }
        return decoded ? frame : nil
    }

    private func randomSamples(_ count: Int, bits: Int, seed: UInt64) -> [UInt16] {
        var random = SplitMix64(seed: seed)
        // Smooth with noise, as sensor data is; now and then a jump across the whole range.
        // Every 97 samples, 0 then the top of the range: a difference of all ones, so the
        // stream holds 0xFF bytes and their stuffing.
        var value = 1 << (bits - 1)
        return (0..<count).map { index in
            value += random.nextIndex(below: 81) - 40
            if random.nextIndex(below: 500) == 0 { value = random.nextIndex(below: 1 << bits) }
            if index % 97 == 0 { value = 0 } else if index % 97 == 1 { value = (1 << bits) - 1 }
            value = min(max(value, 0), (1 << bits) - 1)
            return UInt16(value)
        }
    }

    func testStreamsOfOneTwoAndFourComponentsDecodeToTheirSamples() throws {
        for (components, bits) in [(1, 12), (2, 14), (4, 14), (3, 16)] {
            let width = 301, height = 11
            let samples = randomSamples(width * components * height, bits: bits, seed: UInt64(components))
            let stream = LosslessJPEGWriter(width: width, height: height, components: components, bits: bits).encode(samples)
            XCTAssertTrue(stream.indices.dropLast().contains { stream[$0] == 0xFF && stream[$0 + 1] == 0 },
                          "byte stuffing exercised, \(components) components, \(stream.count) bytes")
            let decoded = try XCTUnwrap(decode(stream, rawWidth: width * components, rawHeight: height), "\(components) components")
            XCTAssertEqual(decoded, samples, "\(components) components, \(bits) bits")
        }
    }

    func testSixteenBitJumpsUseTheLength16Code() throws {
        let width = 8, height = 3
        // Half the range apart: the difference 32768, coded as length 16 with no bits.
        let samples: [UInt16] = (0..<(width * height)).map { $0 % 2 == 0 ? 100 : 32_868 }
        let writer = LosslessJPEGWriter(width: width, height: height, components: 1, bits: 16)
        let stream = writer.encode(samples)
        XCTAssertTrue(writer.usedLength16(samples))
        XCTAssertEqual(decode(stream, rawWidth: width, rawHeight: height), samples)
        XCTAssertNil(decode(stream, rawWidth: width, rawHeight: height, dngVersion: 0x0100_0000),
                     "a DNG 1.0 reads length 16 differently: LibRaw's to decode")
    }

    /// Canon's slices: the stream's samples, in order, fill vertical strips of the frame.
    func testSlicesPlaceSamplesAsLibRawDoes() throws {
        let rawWidth = 30, rawHeight = 8
        let slices = (2, 11, 8)  // two strips 11 wide, then one 8 wide
        let components = 2, width = 12, height = 10  // 240 samples, as the frame
        let samples = randomSamples(width * components * height, bits: 12, seed: 7)
        let stream = LosslessJPEGWriter(width: width, height: height, components: components, bits: 12).encode(samples)
        var curve = (0...65_535).map { UInt16($0) }
        for index in curve.indices { curve[index] = UInt16(truncatingIfNeeded: index * 3 + 1) }
        let decoded = try XCTUnwrap(decode(stream, rawWidth: rawWidth, rawHeight: rawHeight, slices: slices, curve: curve))

        // lossless_jpeg_load_raw's placement, sample by sample, and its curve.
        var expected = [UInt16](repeating: 0xBEEF, count: rawWidth * rawHeight)
        for (index, sample) in samples.enumerated() {
            var slice = index / (slices.1 * rawHeight)
            let last = slice >= slices.0
            if last { slice = slices.0 }
            let within = index - slice * slices.1 * rawHeight
            let sliceWidth = last ? slices.2 : slices.1
            let row = within / sliceWidth, column = within % sliceWidth + slice * slices.1
            if row < rawHeight { expected[row * rawWidth + column] = curve[Int(sample)] }
        }
        XCTAssertEqual(decoded, expected)
        XCTAssertFalse(decoded.contains(0xBEEF), "every sample of the frame written")
    }

    func testStreamsLibRawMustReadAreDeclined() throws {
        let width = 16, height = 4
        let samples = randomSamples(width * height, bits: 12, seed: 3)
        let writer = LosslessJPEGWriter(width: width, height: height, components: 1, bits: 12)
        let good = writer.encode(samples)
        XCTAssertNotNil(decode(good, rawWidth: width, rawHeight: height))

        var cases: [(String, [UInt8])] = []
        cases.append(("predictor 6", writer.encode(samples, predictor: 6)))
        cases.append(("restart interval", writer.encode(samples, restartInterval: width)))
        cases.append(("baseline frame", writer.encode(samples, frameMarker: 0xC0)))
        cases.append(("cut short", Array(good.prefix(good.count - 12))))
        cases.append(("no start of image", Array(good.dropFirst(2))))
        var unknownCode = good
        let scan = writer.scanStart(of: good)
        unknownCode.replaceSubrange(scan..<scan + 4, with: [0xFF, 0x00, 0xFF, 0x00])  // all ones: no such code
        cases.append(("a code outside the table", unknownCode))
        for (name, stream) in cases {
            XCTAssertNil(decode(stream, rawWidth: width, rawHeight: height), name)
        }
        // More samples than the frame holds rows for: LibRaw throws; so the decoder declines.
        XCTAssertNil(decode(good, rawWidth: width, rawHeight: height - 2))
        // Samples beyond the range of `bits` (12): LibRaw keeps them and reports a data error.
        let wide = LosslessJPEGWriter(width: width, height: height, components: 1, bits: 14).encode(
            randomSamples(width * height, bits: 14, seed: 4).map { $0 | 0x2000 })
        var declaredNarrow = wide
        declaredNarrow[writer.frameStart(of: wide)] = 12  // the frame's precision byte
        XCTAssertNil(decode(declaredNarrow, rawWidth: width, rawHeight: height))
    }
}

/// A lossless JPEG encoder for the tests: predictor 1 (or another, to be declined), one
/// Huffman table for every component, optional restart interval.
struct LosslessJPEGWriter {
    let width: Int, height: Int, components: Int, bits: Int

    /// Code lengths for the difference lengths 0…16; the all-ones codes stay unused.
    private static let codeLengths = [3, 3, 3, 3, 3, 3, 4, 4, 5, 6, 7, 8, 9, 10, 11, 12, 12]

    private static func canonicalCodes() -> [(code: Int, length: Int)] {
        let order = (0...16).sorted { (codeLengths[$0], $0) < (codeLengths[$1], $1) }
        var codes = [(code: Int, length: Int)](repeating: (0, 0), count: 17)
        var code = 0, length = codeLengths[order[0]]
        for symbol in order {
            code <<= codeLengths[symbol] - length
            length = codeLengths[symbol]
            codes[symbol] = (code, length)
            code += 1
        }
        return codes
    }

    private func differences(_ samples: [UInt16]) -> [Int] {
        var result: [Int] = []
        let rowLength = width * components
        for row in 0..<height {
            for column in 0..<width {
                for c in 0..<components {
                    let index = row * rowLength + column * components + c
                    let prediction: Int
                    if column > 0 { prediction = Int(samples[index - components]) }
                    else if row > 0 { prediction = Int(samples[index - rowLength]) }
                    else { prediction = 1 << (bits - 1) }
                    var difference = (Int(samples[index]) - prediction) & 0xFFFF
                    if difference > 32_768 { difference -= 65_536 }
                    result.append(difference)
                }
            }
        }
        return result
    }

    private static func length(of difference: Int) -> Int {
        difference == 32_768 ? 16 : (difference == 0 ? 0 : Int.bitWidth - abs(difference).leadingZeroBitCount)
    }

    func usedLength16(_ samples: [UInt16]) -> Bool { differences(samples).contains { Self.length(of: $0) == 16 } }

    func encode(_ samples: [UInt16], predictor: Int = 1, restartInterval: Int? = nil, frameMarker: UInt8 = 0xC3) -> [UInt8] {
        var out: [UInt8] = [0xFF, 0xD8]
        func segment(_ marker: UInt8, _ body: [UInt8]) {
            out += [0xFF, marker, UInt8((body.count + 2) >> 8), UInt8((body.count + 2) & 0xFF)] + body
        }
        var frame: [UInt8] = [UInt8(bits), UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), UInt8(components)]
        for c in 0..<components { frame += [UInt8(c + 1), 0x11, 0] }
        segment(frameMarker, frame)
        // LibRaw reads one byte more after a one-component frame header outside DNGs (some
        // cameras write it); the files it reads this way have it.
        if components == 1 { out.append(0) }
        var table = [UInt8](repeating: 0, count: 16)
        for length in Self.codeLengths { table[length - 1] += 1 }
        let symbols = (0...16).sorted { (Self.codeLengths[$0], $0) < (Self.codeLengths[$1], $1) }.map { UInt8($0) }
        segment(0xC4, [0x00] + table + symbols)
        if let restartInterval { segment(0xDD, [UInt8(restartInterval >> 8), UInt8(restartInterval & 0xFF)]) }
        var scan: [UInt8] = [UInt8(components)]
        for c in 0..<components { scan += [UInt8(c + 1), 0x00] }
        segment(0xDA, scan + [UInt8(predictor), 0, 0])

        let codes = Self.canonicalCodes()
        var accumulator = 0, filled = 0
        func put(_ value: Int, _ count: Int) {
            for bit in stride(from: count - 1, through: 0, by: -1) {
                accumulator = accumulator << 1 | (value >> bit) & 1
                filled += 1
                if filled == 8 {
                    out.append(UInt8(accumulator))
                    if accumulator == 0xFF { out.append(0) }
                    accumulator = 0
                    filled = 0
                }
            }
        }
        for difference in differences(samples) {
            let length = Self.length(of: difference)
            put(codes[length].code, codes[length].length)
            if length > 0 && length < 16 { put(difference >= 0 ? difference : difference + (1 << length) - 1, length) }
        }
        if filled > 0 { put((1 << (8 - filled)) - 1, 8 - filled) }  // pad with ones, as JPEG does
        out += [0xFF, 0xD9]
        return out
    }

    /// Index of the first entropy-coded byte in a stream `encode` wrote.
    func scanStart(of stream: [UInt8]) -> Int {
        let (body, length) = segment(0xDA, in: stream)
        return body + length
    }

    /// Index of the frame header's first byte (its precision) in a stream `encode` wrote.
    func frameStart(of stream: [UInt8]) -> Int { segment(0xC3, in: stream).body }

    /// Where the body of the first segment with `marker` starts, and its length.
    private func segment(_ marker: UInt8, in stream: [UInt8]) -> (body: Int, length: Int) {
        var index = 2  // after SOI: 0xFF, marker, two length bytes (counting themselves), body
        while true {
            while stream[index] != 0xFF { index += 1 }  // the byte after a one-component frame
            let length = Int(stream[index + 2]) << 8 | Int(stream[index + 3])
            if stream[index + 1] == marker { return (index + 4, length - 2) }
            index += 2 + length
        }
    }
}
