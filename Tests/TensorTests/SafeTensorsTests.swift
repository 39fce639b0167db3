import Foundation
import Tensor
import XCTest

final class SafeTensorsTests: XCTestCase {
    func sample(_ dtype: SafeTensorsDType) -> SafeTensorsFile {
        SafeTensorsFile(
            tensors: [
                "a.weight": SafeTensorsEntry(tensor: Tensor(shape: [2, 3], data: [1, -2, 0.5, 0.25, 1024, -0.125]), dtype: dtype),
                "b": SafeTensorsEntry(tensor: Tensor(shape: [3], data: [3, 0, -7]), dtype: dtype),
                "scalar": SafeTensorsEntry(tensor: Tensor(shape: [], data: [6]), dtype: dtype),
                "empty": SafeTensorsEntry(tensor: Tensor(shape: [0, 4], data: []), dtype: dtype),
            ],
            metadata: ["config": "{\"dim\":3}", "note": "héllo"])
    }

    func testRoundTripEveryDType() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("st-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for dtype in SafeTensorsDType.allCases {
            let url = dir.appendingPathComponent("\(dtype.rawValue).safetensors")
            try sample(dtype).write(url: url)
            let back = try SafeTensorsFile.read(url: url)
            XCTAssertEqual(back, sample(dtype), "\(dtype)")
            // Header length is little-endian and data starts 8-byte aligned.
            let bytes = [UInt8](try Data(contentsOf: url))
            let n = (0..<8).reduce(0) { $0 | Int(bytes[$1]) << (8 * $1) }
            XCTAssertEqual((8 + n) % 8, 0)
        }
    }

    func testHalfConversionsAreExactAndRoundToNearestEven() {
        // Every finite F16 converts to Float and back to the same bits.
        for bits in 0...UInt16.max where (bits & 0x7C00) != 0x7C00 {
            XCTAssertEqual(HalfPrecision.f16(from: HalfPrecision.float(fromF16: bits)), bits)
        }
        XCTAssertEqual(HalfPrecision.f16(from: 1.0 / 3.0), 0x3555)
        XCTAssertEqual(HalfPrecision.f16(from: 65504), 0x7BFF)
        XCTAssertEqual(HalfPrecision.f16(from: 70000), 0x7C00)
        XCTAssertEqual(HalfPrecision.f16(from: 1 + 0x1p-11), 0x3C00)  // tie → even
        XCTAssertEqual(HalfPrecision.f16(from: 1 + 3 * 0x1p-11), 0x3C02)  // tie → even (up)
        XCTAssertEqual(HalfPrecision.float(fromF16: 0x0001), 0x1p-24)
        XCTAssertEqual(HalfPrecision.bf16(from: 1.0 / 3.0), 0x3EAB)
        XCTAssertEqual(HalfPrecision.float(fromBF16: 0x3F80), 1)
        XCTAssertTrue(HalfPrecision.float(fromBF16: HalfPrecision.bf16(from: .nan)).isNaN)
        for bits in stride(from: UInt16(0), to: 0x7F80, by: 7) {
            XCTAssertEqual(HalfPrecision.bf16(from: HalfPrecision.float(fromBF16: bits)), bits)
        }
    }

    func testF16RefusesValuesItCannotHold() {
        let f = SafeTensorsFile(tensors: ["big": SafeTensorsEntry(tensor: Tensor(shape: [1], data: [1e6]), dtype: .f16)])
        XCTAssertThrowsError(try f.encode()) { error in
            guard case .notRepresentable(_, "big", "F16", _) = error as? SafeTensorsError else { return XCTFail("\(error)") }
        }
    }

    // MARK: Corruptions, each with its own error

    /// Builds a file from a header dictionary and raw data bytes.
    func file(header: Any, data: [UInt8], declaredLength: UInt64? = nil) -> Data {
        let json = try! JSONSerialization.data(withJSONObject: header)
        var out = Data()
        var n = (declaredLength ?? UInt64(json.count)).littleEndian
        withUnsafeBytes(of: &n) { out.append(contentsOf: $0) }
        out.append(json)
        out.append(contentsOf: data)
        return out
    }

    /// A file whose header is `json` as given (which need not be valid JSON) and no data.
    func file(rawHeader json: Data) -> Data {
        var out = Data()
        var n = UInt64(json.count).littleEndian
        withUnsafeBytes(of: &n) { out.append(contentsOf: $0) }
        return out + json
    }

    func decodeError(_ data: Data, file: StaticString = #filePath, line: UInt = #line) -> SafeTensorsError? {
        do {
            _ = try SafeTensorsFile.decode(data, path: "x.safetensors")
            XCTFail("decoded a bad file", file: file, line: line)
            return nil
        } catch let e as SafeTensorsError {
            XCTAssertTrue(e.description.hasPrefix("x.safetensors: "), e.description, file: file, line: line)
            return e
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    let floats: [UInt8] = [0, 0, 128, 63, 0, 0, 0, 64]  // 1.0, 2.0

    func testEachCorruptionHasItsError() throws {
        let good = ["t": ["dtype": "F32", "shape": [2], "data_offsets": [0, 8]]]
        XCTAssertNoThrow(try SafeTensorsFile.decode(file(header: good, data: floats), path: "x"))

        guard case .truncated = decodeError(Data([1, 2, 3])) else { return XCTFail("short file") }
        guard case .headerLengthTooLarge(_, 1000, _) = decodeError(file(header: good, data: floats, declaredLength: 1000))
        else { return XCTFail("header length") }
        var notJSON = Data([5, 0, 0, 0, 0, 0, 0, 0]); notJSON.append(contentsOf: Array("{abc}".utf8))
        guard case .headerNotJSON = decodeError(notJSON) else { return XCTFail("json") }
        guard case .headerNotJSON = decodeError(file(header: [1, 2], data: [])) else { return XCTFail("array header") }
        guard case .offsetsOutOfBounds(_, "t", 0, 16, 8) = decodeError(
            file(header: ["t": ["dtype": "F32", "shape": [4], "data_offsets": [0, 16]]], data: floats))
        else { return XCTFail("offsets beyond data (truncated data)") }
        guard case .sizeMismatch(_, "t", [3], "F32", 8) = decodeError(
            file(header: ["t": ["dtype": "F32", "shape": [3], "data_offsets": [0, 8]]], data: floats))
        else { return XCTFail("shape vs offsets") }
        guard case .overlapping = decodeError(file(header: [
            "t": ["dtype": "F32", "shape": [2], "data_offsets": [0, 8]],
            "u": ["dtype": "F32", "shape": [1], "data_offsets": [4, 8]],
        ], data: floats)) else { return XCTFail("overlap") }
        guard case .dataLengthMismatch(_, 8, 12) = decodeError(file(header: good, data: floats + [0, 0, 0, 0]))
        else { return XCTFail("trailing data") }
        guard case .nonFinite(_, "t", 1, _) = decodeError(file(header: good, data: [0, 0, 128, 63, 0, 0, 192, 127]))
        else { return XCTFail("NaN") }
        guard case .nonFinite(_, "t", 0, _) = decodeError(file(header: good, data: [0, 0, 128, 127, 0, 0, 0, 64]))
        else { return XCTFail("Inf") }
        guard case .unsupportedDType(_, "t", "I64") = decodeError(
            file(header: ["t": ["dtype": "I64", "shape": [1], "data_offsets": [0, 8]]], data: floats))
        else { return XCTFail("dtype") }
        guard case .badEntry(_, "t", _) = decodeError(
            file(header: ["t": ["dtype": "F32", "shape": [-2], "data_offsets": [0, 8]]], data: floats))
        else { return XCTFail("negative shape") }
        guard case .badEntry(_, "t", _) = decodeError(file(header: ["t": ["dtype": "F32", "shape": [2]]], data: floats))
        else { return XCTFail("no offsets") }
        guard case .badMetadata = decodeError(file(header: [
            "__metadata__": ["n": 3], "t": ["dtype": "F32", "shape": [2], "data_offsets": [0, 8]],
        ], data: floats)) else { return XCTFail("metadata value") }
        // 2³¹ × 2³¹ elements fit in an Int, their bytes do not: an error, not an overflow trap.
        guard case .sizeMismatch = decodeError(
            file(header: ["t": ["dtype": "F32", "shape": [1 << 31, 1 << 31], "data_offsets": [0, 8]]], data: floats))
        else { return XCTFail("byte count overflow") }
        // A header nested deeper than any real one is refused by the JSON parser, not the stack.
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        guard case .headerNotJSON = decodeError(file(rawHeader: Data(deep.utf8))) else { return XCTFail("deep JSON") }
    }

    /// A FIFO or device named as weights is refused before reading (reading would block).
    func testOnlyRegularFilesAreRead() throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("fifo-\(UUID()).safetensors")
        XCTAssertEqual(mkfifo(fifo.path, 0o600), 0)
        defer { try? FileManager.default.removeItem(at: fifo) }
        XCTAssertThrowsError(try SafeTensorsFile.read(url: fifo)) { error in
            XCTAssertEqual(error as? SafeTensorsError, .unreadable(path: fifo.path, reason: "not a regular file"))
        }
    }

    /// Random bytes and every truncation of a valid file give errors, never crashes.
    func testRandomAndTruncatedFilesNeverCrash() throws {
        let valid = try sample(.f16).encode()
        for cut in stride(from: 0, to: valid.count, by: 3) {
            XCTAssertThrowsError(try SafeTensorsFile.decode(valid.prefix(cut), path: "cut"))
        }
        var rng = SeededGenerator(seed: 9)
        for _ in 0..<200 {
            let n = Int(rng.next() % 64)
            var bytes = (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            if n >= 8 { bytes[1...7] = [0, 0, 0, 0, 0, 0, 0] }  // plausible header lengths too
            XCTAssertThrowsError(try SafeTensorsFile.decode(Data(bytes), path: "random"))
        }
    }

    func testUnreadablePathIsReported() {
        XCTAssertThrowsError(try SafeTensorsFile.read(url: URL(fileURLWithPath: "/nonexistent/x.safetensors"))) { error in
            guard case .unreadable(let path, _) = error as? SafeTensorsError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "/nonexistent/x.safetensors")
        }
    }
}
