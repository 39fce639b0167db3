import Foundation
import Testing
@testable import AutotoneLab

/// The hold-out of `pretrain --hold-out-every`: whole photographs, and no composite made from one.
struct SceneFolderSplitTests {
    /// A scenes.json with these entries: (source, parts of a composite or nil).
    func folder(_ scenes: [(String, [String]?)]) throws -> SceneFolder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("scene-split-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let entries: [[String: Any]] = scenes.enumerated().map { index, scene in
            var entry: [String: Any] = ["file": "scene-\(index).pfm", "source": scene.0, "licence": "test"]
            if let parts = scene.1 { entry["parts"] = parts }
            return entry
        }
        let data = try JSONSerialization.data(withJSONObject: ["scenes": entries])
        try data.write(to: url.appendingPathComponent("scenes.json"))
        return try SceneFolder(path: url.path)
    }

    @Test func composites_neither_shift_the_hold_out_nor_carry_a_held_out_photograph_into_training() throws {
        let crops: [(String, [String]?)] = ["a", "b", "c", "d", "e", "f", "g", "h"].flatMap { [($0, nil), ($0, nil)] }
        let plain = try folder(crops).split(holdingOutEvery: 4)
        #expect(Set(plain.heldOut.map(\.source)) == ["d", "h"])

        // Composite names sort among the photographs' ("a+b" before "b"): they must not move the split.
        let composites: [(String, [String]?)] = [("a+b", ["a", "b"]), ("c relit", ["c"]), ("a+d", ["a", "d"]), ("h", ["h"])]
        let mixed = try folder(crops + composites).split(holdingOutEvery: 4)
        #expect(Set(mixed.heldOut.map(\.source)) == ["d", "h"])
        #expect(mixed.heldOut.count == 4, "only the held-out photographs' own crops are held out")
        #expect(mixed.training.count == plain.training.count + 2, "a+b and c relit train; a+d and h are dropped")
        #expect(!mixed.training.contains { ($0.parts ?? [$0.source]).contains { ["d", "h"].contains($0) } })
    }
}
