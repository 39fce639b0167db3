import Foundation
import XCTest

@testable import XMP

/// `predict` reads sidecars and DNG packets on its decoding threads: reading and merging on
/// several threads at once must give what one thread gives (and ThreadSanitizer, through
/// Scripts/sanitize, must see no race in the module or in its use of libxml2).
final class ConcurrentUseTests: XCTestCase {
    private static let fixtures = [
        "lrc14-attributes-masks-look.xmp", "lr6-brush-corrections.xmp", "exiftool-element-form.xmp",
        "xpacket-padding-bom.xmp", "hdr-edit.xmp", "unedited-metadata-only.xmp",
    ]

    private struct Outcome: Equatable, Sendable {
        let packet: XMPPacket
        let merged: Data
    }

    /// Every fixture read, then merged with the shared prediction.
    private static func readAndMerge(_ files: [(name: String, data: Data)]) throws -> [Outcome] {
        try files.map { file in
            Outcome(
                packet: try XMPReader().read(data: file.data, source: file.name),
                merged: try SidecarMerger.merge(content(), into: file.data, source: file.name))
        }
    }

    func testReadingAndMergingOnManyThreadsMatchesOneThread() async throws {
        let files = try Self.fixtures.map { ($0, try Data(contentsOf: TestPaths.fixture($0))) }
        let serial = try Self.readAndMerge(files)
        let parallel = try await withThrowingTaskGroup(of: [Outcome].self) { group in
            for _ in 0..<8 {
                group.addTask { try Self.readAndMerge(files) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(parallel.count, 8)
        for outcomes in parallel {
            XCTAssertEqual(outcomes, serial)
        }
    }
}
