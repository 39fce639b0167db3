import Foundation
import XCTest
import FuzzChecks

/// Every fuzz target's property, checked on its committed inputs: the seeds, and the
/// regression corpus (inputs that once crashed or broke a property, kept fixed from then on).
final class FuzzCorpusReplayTests: XCTestCase {
    private let fuzz = TestPaths.packageRoot.appendingPathComponent("Tests/Fuzz")

    /// The files of `folder`, with their contents; none when the folder does not exist.
    private func inputs(_ folder: URL) throws -> [(name: String, bytes: [UInt8])] {
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
            ($0, [UInt8](try Data(contentsOf: folder.appendingPathComponent($0))))
        }
    }

    private func replay(_ target: FuzzTarget, _ inputs: [(name: String, bytes: [UInt8])]) {
        for input in inputs {
            XCTAssertNoThrow(try target.check(input.bytes), "\(target.rawValue)/\(input.name)")
        }
    }

    func testSeedsHoldEveryProperty() throws {
        // The reader's seeds are the XMP fixtures themselves.
        let readerSeeds = try inputs(TestPaths.packageRoot.appendingPathComponent("Tests/Fixtures/XMP"))
        XCTAssertFalse(readerSeeds.isEmpty)
        replay(.xmpReader, readerSeeds)
        for target in [FuzzTarget.sidecarRoundTrip, .mergePreserves, .luaTable] {
            let seeds = try inputs(fuzz.appendingPathComponent("Corpus/" + target.rawValue))
            XCTAssertFalse(seeds.isEmpty, target.rawValue)
            replay(target, seeds)
        }
    }

    func testRegressionsStayFixed() throws {
        for target in FuzzTarget.allCases {
            replay(target, try inputs(fuzz.appendingPathComponent("Regressions/" + target.rawValue)))
        }
    }
}
