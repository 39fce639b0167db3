import Foundation
import XCTest
@testable import ImageIO

final class DecodedImageCacheTests: XCTestCase {
    private let preprocessor = Preprocessor(recipe: .vitDefault)

    /// A small JPEG stands in for a photo: same cache path, fast to decode.
    private func makePhoto(in folder: URL, shade: UInt8) throws -> URL {
        let url = folder.appendingPathComponent("photo.jpg")
        try JPEGCodec.write(rgb: [UInt8](repeating: shade, count: 320 * 240 * 3), width: 320, height: 240, to: url)
        return url
    }

    func testSecondLoadComesFromTheCache() throws {
        let folder = try TestFiles.scratchFolder(for: self)
        let cache = DecodedImageCache(directory: folder.appendingPathComponent("cache"))
        let photo = try makePhoto(in: folder, shade: 100)
        let first = try cache.shrunkImage(for: photo, preprocessor: preprocessor)
        let second = try cache.shrunkImage(for: photo, preprocessor: preprocessor)
        XCTAssertFalse(first.fromCache)
        XCTAssertTrue(second.fromCache)
        XCTAssertEqual(first.image, second.image)
    }

    func testTheSampleRAWIsCached() throws {
        let folder = try TestFiles.scratchFolder(for: self)
        let cache = DecodedImageCache(directory: folder)
        let first = try cache.shrunkImage(for: TestFiles.sampleCR2, preprocessor: preprocessor)
        let second = try cache.shrunkImage(for: TestFiles.sampleCR2, preprocessor: preprocessor)
        XCTAssertFalse(first.fromCache)
        XCTAssertTrue(second.fromCache)
        XCTAssertEqual(first.image, second.image)
        XCTAssertEqual(second.image.width, 224)
    }

    func testModifiedFileIsDecodedAgain() throws {
        let folder = try TestFiles.scratchFolder(for: self)
        let cache = DecodedImageCache(directory: folder.appendingPathComponent("cache"))
        let photo = try makePhoto(in: folder, shade: 100)
        let before = try cache.shrunkImage(for: photo, preprocessor: preprocessor)
        _ = try makePhoto(in: folder, shade: 200)
        let after = try cache.shrunkImage(for: photo, preprocessor: preprocessor)
        XCTAssertFalse(after.fromCache)
        XCTAssertGreaterThan(after.image.pixels[0], before.image.pixels[0])
    }

    func testAnotherRecipeDoesNotReuseTheEntry() throws {
        let folder = try TestFiles.scratchFolder(for: self)
        let cache = DecodedImageCache(directory: folder.appendingPathComponent("cache"))
        let photo = try makePhoto(in: folder, shade: 100)
        _ = try cache.shrunkImage(for: photo, preprocessor: preprocessor)
        var recipe = PreprocessRecipe.vitDefault
        recipe.inputSize = 112
        let other = try cache.shrunkImage(for: photo, preprocessor: Preprocessor(recipe: recipe))
        XCTAssertFalse(other.fromCache)
        XCTAssertEqual(other.image.width, 112)
    }

    func testCorruptedEntriesAreRebuilt() throws {
        let folder = try TestFiles.scratchFolder(for: self)
        let cacheFolder = folder.appendingPathComponent("cache")
        let cache = DecodedImageCache(directory: cacheFolder)
        let photo = try makePhoto(in: folder, shade: 100)
        let original = try cache.shrunkImage(for: photo, preprocessor: preprocessor)
        let entry = try XCTUnwrap(FileManager.default.contentsOfDirectory(at: cacheFolder, includingPropertiesForKeys: nil).first)
        let valid = try Data(contentsOf: entry)

        // A flipped bit in the pixel data, a truncated entry and garbage: each is rebuilt.
        var flipped = valid
        flipped[valid.count / 2] ^= 0x10
        for damaged in [flipped, valid.prefix(valid.count - 100), Data("garbage".utf8)] {
            try damaged.write(to: entry)
            let rebuilt = try cache.shrunkImage(for: photo, preprocessor: preprocessor)
            XCTAssertFalse(rebuilt.fromCache)
            XCTAssertEqual(rebuilt.image, original.image)
            XCTAssertEqual(try Data(contentsOf: entry), valid, "the rebuilt entry replaces the damaged one")
        }
    }

    func testUnwritableCacheStillDecodes() throws {
        let folder = try TestFiles.scratchFolder(for: self)
        let blocker = folder.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: blocker)
        let cache = DecodedImageCache(directory: blocker.appendingPathComponent("cache"))
        let photo = try makePhoto(in: folder, shade: 50)
        XCTAssertFalse(try cache.shrunkImage(for: photo, preprocessor: preprocessor).fromCache)
    }
}

final class FileIdentityTests: XCTestCase {
    func testFingerprintFollowsContentNotPlace() throws {
        let folder = try TestFiles.scratchFolder(for: self)
        let original = folder.appendingPathComponent("a.CR2")
        let copy = folder.appendingPathComponent("b.CR2")
        try Data(contentsOf: TestFiles.sampleCR2).write(to: original)
        try FileManager.default.copyItem(at: original, to: copy)
        let first = try FileIdentity(url: original), second = try FileIdentity(url: copy)
        XCTAssertEqual(first.contentFingerprint, second.contentFingerprint)
        XCTAssertNotEqual(first.key, second.key, "the cache key includes the path")

        // A change in the last MiB changes the fingerprint.
        var data = try Data(contentsOf: copy)
        data[data.count - 10] ^= 0xFF
        try data.write(to: copy)
        XCTAssertNotEqual(try FileIdentity(url: copy).contentFingerprint, first.contentFingerprint)
    }
}
