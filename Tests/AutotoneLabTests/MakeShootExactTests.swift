import Foundation
import Testing
@testable import AutotoneLab

/// `make-shoot --exact`: the same photos as without it, every label the solver's answer.
struct MakeShootExactTests {
    /// A scene folder holding one smooth 96×64 scene (a PFM, bottom row first, and its scenes.json).
    func sceneFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("make-shoot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let width = 96, height = 64
        var pixels: [Float] = []
        for y in 0..<height {
            for x in 0..<width {
                let light = Float(x) / Float(width) * 0.8 + Float(y) / Float(height) * 0.15
                pixels += [light, light * 0.9, light * 0.7]
            }
        }
        var data = Data("PF\n\(width) \(height)\n-1.0\n".utf8)
        pixels.withUnsafeBytes { data.append(contentsOf: $0) }
        try data.write(to: url.appendingPathComponent("scene-0.pfm"))
        let index: [String: Any] = ["scenes": [["file": "scene-0.pfm", "source": "ramp", "licence": "test"]]]
        try JSONSerialization.data(withJSONObject: index).write(to: url.appendingPathComponent("scenes.json"))
        return url
    }

    /// The manifest's photos of a shoot made with `arguments`.
    func shoot(_ scenes: URL, _ name: String, _ arguments: [String]) throws -> (folder: URL, photos: [[String: Any]]) {
        let out = scenes.appendingPathComponent(name)
        let command = try MakeShoot.parse(["--scenes", scenes.path, "--out", out.path, "--photos", "8", "--edited", "0",
                                           "--burst-probability", "0.6", "--sync-probability", "1", "--seed", "5",
                                           "--style", "moody"] + arguments)
        try command.run()
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("manifest.json")))
        return (out, try #require((manifest as? [String: Any])?["photos"] as? [[String: Any]]))
    }

    @Test func exact_labels_are_the_solvers_answer_on_the_same_photos() throws {
        let scenes = try sceneFolder()
        defer { try? FileManager.default.removeItem(at: scenes) }
        let human = try shoot(scenes, "human", [])
        let exact = try shoot(scenes, "exact", ["--exact"])
        #expect(human.photos.count == 8 && exact.photos.count == 8)

        func differs(_ photo: [String: Any]) throws -> Bool {
            let solved = try #require(photo["solved"] as? [String: Double])
            let settings = try #require(photo["settings"] as? [String: Double])
            // The solver's answer rounded as a slider is (Exposure to 0.01, the others to whole steps).
            return solved.contains { name, value in abs((settings[name] ?? .nan) - value) > 0.5 * (name == "Exposure2012" ? 0.01 : 1) }
        }
        #expect(try human.photos.contains(where: differs), "the hand's noise moves the labels of a humanised shoot")
        #expect(try !exact.photos.contains(where: differs))
        #expect(exact.photos.allSatisfy { $0["synced"] as? Bool == false })
        #expect(human.photos.contains { $0["synced"] as? Bool == true }, "seed 5 has a synced burst frame, or the test shows nothing")

        for photo in human.photos {
            let file = try #require(photo["file"] as? String)
            let a = try Data(contentsOf: human.folder.appendingPathComponent(file))
            let b = try Data(contentsOf: exact.folder.appendingPathComponent(file))
            #expect(a == b, "\(file): the same photo with and without --exact")
        }
    }
}
