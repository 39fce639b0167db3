import Foundation
import XCTest
@testable import ImageIO

/// Our half-size linear decode must match LibRaw's own tool on the same file: `dcraw_emu -w -h -4`
/// (camera white balance, half size, 16-bit linear, no auto-brightening), both shrunk to 224×224
/// the same way. `dcraw_emu` comes from Debian's libraw-bin, which the set-up script installs.
final class DcrawParityTests: XCTestCase {
    func testHalfSizeDecodeMatchesDcrawEmu() throws {
        let reference = try DcrawEmu.decode(TestFiles.sampleCR2)
        let ours = try RawDecoder.decode(TestFiles.sampleCR2).image
        XCTAssertEqual(ours.width, reference.width)
        XCTAssertEqual(ours.height, reference.height)
        let a = AreaResize.resize(ours, width: 224, height: 224).pixels
        let b = AreaResize.resize(reference, width: 224, height: 224).pixels
        let meanAbsoluteDifference = zip(a, b).map { abs($0 - $1) }.reduce(0, +) / Float(a.count)
        print("dcraw_emu parity: mean absolute difference \(meanAbsoluteDifference) (linear 0…1) at 224×224")
        XCTAssertLessThan(meanAbsoluteDifference, 1e-4)
    }
}

/// Runs `dcraw_emu` and reads its 16-bit PPM from standard output.
enum DcrawEmu {
    static func decode(_ url: URL) throws -> LinearImage {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["dcraw_emu", "-w", "-h", "-4", "-Z", "-", url.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw XCTSkip("dcraw_emu failed (status \(process.terminationStatus)); is libraw-bin installed? Run Scripts/setup --tests")
        }
        return try PPM.parse16(data)
    }
}

/// A reader for binary PPM (P6) with 16-bit big-endian samples.
enum PPM {
    struct FormatError: Error {}

    static func parse16(_ data: Data) throws -> LinearImage {
        let bytes = [UInt8](data)
        var index = 0
        func token() throws -> String {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
                index += 1
            }
            let start = index
            while index < bytes.count, !(bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09) {
                index += 1
            }
            guard start < index else { throw FormatError() }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        guard try token() == "P6", let width = Int(try token()), let height = Int(try token()),
              try token() == "65535" else { throw FormatError() }
        index += 1  // the single whitespace byte after maxval
        let count = width * height * 3
        guard bytes.count - index >= count * 2 else { throw FormatError() }
        let pixels = (0..<count).map { i in
            Float(UInt16(bytes[index + 2 * i]) << 8 | UInt16(bytes[index + 2 * i + 1])) / 65535
        }
        return LinearImage(width: width, height: height, pixels: pixels)
    }
}
