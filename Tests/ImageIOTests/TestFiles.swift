import Foundation
import XCTest

/// Paths of the repository's sample files and scratch folders for tests.
enum TestFiles {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sampleCR2 = packageRoot.appendingPathComponent("SampleRAWs/IMG_5952.CR2")

    /// A fresh empty folder, removed when the test ends.
    static func scratchFolder(for test: XCTestCase) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("autotone-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }
}
