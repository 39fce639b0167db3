import Foundation
import XCTest
import XMP
@testable import Predict

final class ShootPredictorTests: XCTestCase {
    private func outcomes(_ summary: PredictSummary, _ results: [PhotoResult], in folder: URL) -> [String: PhotoResult.Outcome] {
        Dictionary(uniqueKeysWithValues: results.map { ($0.path.replacingOccurrences(of: folder.path + "/", with: ""), $0.outcome) })
    }

    func testEveryPhotoGetsItsDocumentedOutcomeAndNothingElseChanges() throws {
        let shoot = try ShootFixture(test: self)
        let before = try shoot.snapshot()
        var results: [PhotoResult] = []
        let summary = ShootPredictor(model: FakePredictor(), options: PredictOptions())
            .run([shoot.folder.path]) { results.append($0) }

        XCTAssertEqual(outcomes(summary, results, in: shoot.folder), [
            "new.CR2": .created, "edited.CR2": .skipped, "unedited.CR2": .merged, "dark.CR2": .created,
            "clash.CR2": .refused, "clash.NEF": .refused, "broken.CR2": .failed,
        ])
        XCTAssertEqual(summary.exitStatus, 1, "a failed photo makes the run fail")
        XCTAssertEqual(summary.created, 2)
        XCTAssertEqual(summary.merged, 1)

        // Only the created and merged sidecars differ.
        let after = try shoot.snapshot()
        XCTAssertEqual(Set(after.keys), Set(before.keys).union(["new.xmp", "dark.xmp"]))
        for (name, data) in before where name != "unedited.xmp" {
            XCTAssertEqual(after[name], data, "\(name) must not change")
        }
        XCTAssertNotEqual(after["unedited.xmp"], before["unedited.xmp"])

        // What was written is what was predicted, and it is stamped with the model.
        let new = try XCTUnwrap(results.first { $0.path.hasSuffix("new.CR2") })
        let packet = try XMPReader().read(contentsOf: shoot.folder.appendingPathComponent("new.xmp"))
        XCTAssertEqual(packet.settings.valuesByName, new.settings)
        XCTAssertEqual(packet.autoToneStamp?.model, "fake-model-1")
        XCTAssertFalse(packet.isLabel, "AutoTone's own prediction is never a training label")

        let dark = try XCTUnwrap(results.first { $0.path.hasSuffix("dark.CR2") })
        XCTAssertTrue(dark.warnings.contains { $0.contains("darktable") }, "\(dark.warnings)")
        let broken = try XCTUnwrap(results.first { $0.path.hasSuffix("broken.CR2") })
        XCTAssertTrue(broken.reason?.contains("truncated") ?? false, broken.reason ?? "")
    }

    func testRerunSkipsWhatIsDone() throws {
        let shoot = try ShootFixture(test: self)
        let predictor = ShootPredictor(model: FakePredictor(), options: PredictOptions())
        _ = predictor.run([shoot.folder.path])
        let afterFirst = try shoot.snapshot()
        var results: [PhotoResult] = []
        let summary = predictor.run([shoot.folder.path]) { results.append($0) }
        XCTAssertEqual(summary.created + summary.merged, 0)
        let new = try XCTUnwrap(results.first { $0.path.hasSuffix("new.CR2") })
        XCTAssertEqual(new.outcome, .skipped)
        XCTAssertTrue(new.reason?.contains("already holds model fake-model-1's prediction") ?? false, new.reason ?? "")
        XCTAssertEqual(new.timings.decode, 0, "a skipped photo is not decoded")
        XCTAssertEqual(try shoot.snapshot(), afterFirst, "a re-run changes nothing")

        // Another model predicts again over AutoTone's own sidecars, but still not over edits.
        var other = FakePredictor()
        other.identity = "fake-model-2"
        results = []
        _ = ShootPredictor(model: other, options: PredictOptions()).run([shoot.folder.path]) { results.append($0) }
        XCTAssertEqual(results.first { $0.path.hasSuffix("new.CR2") }?.outcome, .merged)
        XCTAssertEqual(results.first { $0.path.hasSuffix("edited.CR2") }?.outcome, .skipped)
    }

    func testDryRunWritesNothing() throws {
        let shoot = try ShootFixture(test: self)
        let before = try shoot.snapshot()
        var options = PredictOptions()
        options.dryRun = true
        var results: [PhotoResult] = []
        _ = ShootPredictor(model: FakePredictor(), options: options).run([shoot.folder.path]) { results.append($0) }
        XCTAssertEqual(try shoot.snapshot(), before)
        XCTAssertEqual(results.first { $0.path.hasSuffix("new.CR2") }?.outcome, .wouldCreate)
        XCTAssertEqual(results.first { $0.path.hasSuffix("unedited.CR2") }?.outcome, .wouldMerge)
        XCTAssertNotNil(results.first { $0.path.hasSuffix("new.CR2") }?.settings)
    }

    func testOverwriteEditedReplacesThePhotographersValuesOnly() throws {
        let shoot = try ShootFixture(test: self)
        var options = PredictOptions()
        options.overwriteEdited = true
        var results: [PhotoResult] = []
        _ = ShootPredictor(model: FakePredictor(), options: options).run([shoot.folder.appendingPathComponent("edited.CR2").path]) {
            results.append($0)
        }
        XCTAssertEqual(results.map(\.outcome), [.merged])
        let text = try String(contentsOf: shoot.folder.appendingPathComponent("edited.xmp"), encoding: .utf8)
        XCTAssertTrue(text.contains("crs:PaintBasedCorrections") || text.contains("PaintBasedCorrections"),
                      "the photographer's brush corrections stay")
    }

    func testHDRModeFollowsTheModelUnlessOverridden() throws {
        let shoot = try ShootFixture(test: self)
        var model = FakePredictor()
        model.learntFromHDREdits = true
        let raw = shoot.folder.appendingPathComponent("new.CR2").path
        _ = ShootPredictor(model: model, options: PredictOptions()).run([raw])
        XCTAssertTrue(try XMPReader().read(contentsOf: shoot.folder.appendingPathComponent("new.xmp")).isHDR)
    }

    func testInterruptedRunLeavesTheRestUntouched() throws {
        let shoot = try ShootFixture(test: self)
        let before = try shoot.snapshot()
        let cancellation = CancellationFlag()
        var options = PredictOptions()
        options.jobs = 1
        options.batchSize = 1
        var results: [PhotoResult] = []
        let summary = ShootPredictor(model: FakePredictor(), options: options).run([shoot.folder.path], cancellation: cancellation) {
            results.append($0)
            cancellation.cancel()
        }
        XCTAssertEqual(results.count, 1)
        XCTAssertEqual(summary.notReached, 6)
        XCTAssertEqual(summary.exitStatus, 1)
        let after = try shoot.snapshot()
        let written = Set(after.keys).subtracting(before.keys)
        XCTAssertLessThanOrEqual(written.count, 1)
        for name in written { XCTAssertNoThrow(try XMPReader().read(contentsOf: shoot.folder.appendingPathComponent(name))) }
    }
}
