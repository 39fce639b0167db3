import Foundation
import XCTest
@testable import ImageIO

/// Damaged RAWs (see `CorruptRAWCorpus`) end with a typed `DecodeError` or a valid image, each
/// within the decode's time limit, in bounded memory. `Scripts/break-raws` runs a larger corpus,
/// optionally under AddressSanitizer, through this test.
final class CorruptRAWTests: XCTestCase {
    private var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The limits of each decode: LibRaw gives up after `seconds` (more under AddressSanitizer,
    /// which makes a debug decode of the CR2 ten times slower: `AUTOTONE_CORRUPT_RAWS_SECONDS`).
    private var limits: DecodeLimits {
        DecodeLimits(rawMemoryMB: 512, seconds: Double(environment["AUTOTONE_CORRUPT_RAWS_SECONDS"] ?? "") ?? 20)
    }
    /// What a decode may take beyond the limit: LibRaw's last stage (a demosaic step) and our
    /// conversion to Float, on a busy machine.
    static let slack = 20.0

    func testDamagedRAWsEndInATypedErrorOrAValidImage() throws {
        let count = Int(environment["AUTOTONE_CORRUPT_RAWS"] ?? "") ?? 96
        let seed = UInt64(environment["AUTOTONE_CORRUPT_RAWS_SEED"] ?? "") ?? 1
        let root = TestFiles.packageRoot.appendingPathComponent("SampleRAWs")
        let corpus = try CorruptRAWCorpus(sources: [
            root.appendingPathComponent("IMG_5952.CR2"),
            root.appendingPathComponent("shoot/IMG_0001.dng"),
            root.appendingPathComponent("shoot/IMG_0021.dng"),
        ], seed: seed)
        let folder = try TestFiles.scratchFolder(for: self)
        let limits = self.limits
        var tally = CorruptRAWTally()
        for index in 0..<count {
            let sample = corpus.sample(index)
            let url = folder.appendingPathComponent(sample.name)
            try Data(sample.bytes).write(to: url)
            let start = Date()
            let outcome: String
            do {
                let photo = try RawDecoder.decode(url, limits: limits)
                outcome = "valid image"
                let image = photo.image
                XCTAssertTrue(image.width > 0 && image.height > 0 && image.pixels.count == image.width * image.height * 3,
                              "\(sample.name) (\(sample.detail)): malformed image")
                XCTAssertTrue(image.pixels.allSatisfy { $0 >= 0 && $0 <= 1 }, "\(sample.name): samples outside 0…1")
            } catch let error as DecodeError {
                outcome = Self.kind(error)
                if environment["AUTOTONE_CORRUPT_RAWS_VERBOSE"] != nil { print("\(sample.name) [\(sample.detail)]: \(error)") }
                XCTAssertEqual(error.path, url.path, "\(sample.name): the error names the file")
            } catch {
                outcome = "untyped error"
                XCTFail("\(sample.name) (\(sample.detail)): untyped error \(error)")
            }
            let seconds = Date().timeIntervalSince(start)
            XCTAssertLessThan(seconds, limits.seconds + Self.slack, "\(sample.name) (\(sample.detail)) took \(seconds) s")
            tally.add(damage: sample.damage.rawValue, outcome: outcome, seconds: seconds, sample: sample.name)
            try FileManager.default.removeItem(at: url)
        }
        tally.peakResidentMB = Self.peakResidentMB()
        print(tally.report(count: count, seed: seed))
        if let path = environment["AUTOTONE_CORRUPT_RAWS_REPORT"] {
            try tally.json(count: count, seed: seed).write(to: URL(fileURLWithPath: path))
        }
        // Typed errors of several kinds and some images that still decode: a corpus that only
        // produced one outcome would not be testing much.
        XCTAssertGreaterThanOrEqual(Set(tally.outcomes.keys).count, 3, "\(tally.outcomes)")
        // LibRaw may hold `rawMemoryMB` of raw data plus the half-size image and our Float copy
        // of it; AddressSanitizer's shadow memory and quarantine roughly double that.
        XCTAssertLessThan(tally.peakResidentMB, 3_000, "peak resident memory")
    }

    /// The decode is cancelled once its time is up, with an error that says so.
    func testTimeLimitCancelsTheDecode() throws {
        let url = TestFiles.sampleCR2
        XCTAssertThrowsError(try RawDecoder.decode(url, limits: DecodeLimits(seconds: 0))) { error in
            guard case .timedOut(let path, 0, _)? = error as? DecodeError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, url.path)
        }
    }

    /// A sensor bigger than the raw-memory limit is refused, not allocated.
    func testRawMemoryLimitRefusesLargeSensors() throws {
        XCTAssertThrowsError(try RawDecoder.decode(TestFiles.sampleCR2, limits: DecodeLimits(rawMemoryMB: 8))) { error in
            guard case .outOfMemory? = error as? DecodeError else { return XCTFail("\(error)") }
        }
        XCTAssertNoThrow(try RawDecoder.decode(TestFiles.sampleCR2, limits: DecodeLimits(rawMemoryMB: 64)))
    }

    static func kind(_ error: DecodeError) -> String {
        switch error {
        case .fileNotFound: return "fileNotFound"
        case .notAFile: return "notAFile"
        case .emptyFile: return "emptyFile"
        case .unsupportedFormat: return "unsupportedFormat"
        case .corruptData: return "corruptData"
        case .ioError: return "ioError"
        case .outOfMemory: return "outOfMemory"
        case .timedOut: return "timedOut"
        case .decoderFailure(_, let code, _): return "decoderFailure(\(code))"
        }
    }

    /// The process's peak resident set so far, in MB.
    static func peakResidentMB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
    }
}
