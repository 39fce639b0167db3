import Foundation

/// Test catalogs, built by `Scripts/make-test-catalog.py` from a description (see its help), for
/// the catalog, dataset and command tests alike.
public enum TestCatalog {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A new temporary folder.
    public static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("autotone-catalog-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Builds `out` from `spec` (roots and photos, as the script's JSON).
    @discardableResult
    public static func make(_ spec: [String: Any], at out: URL, schema: String = "classic14", dbVersion: String? = nil,
                     journal: String = "delete") throws -> URL {
        let specURL = out.deletingLastPathComponent().appendingPathComponent(out.lastPathComponent + ".json")
        try JSONSerialization.data(withJSONObject: spec, options: [.sortedKeys]).write(to: specURL)
        var arguments = [repository.appendingPathComponent("Scripts/make-test-catalog.py").path,
                         "--schema", schema, "--photos", specURL.path, "--out", out.path, "--journal", journal]
        if let dbVersion { arguments += ["--db-version", dbVersion] }
        try run("/usr/bin/env", ["python3"] + arguments)
        try FileManager.default.removeItem(at: specURL)
        return out
    }

    /// Runs a program; throws with its standard error when it fails.
    public static func run(_ program: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "TestCatalog", code: Int(process.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: String(decoding: message, as: UTF8.self)])
        }
    }

    /// The file's bytes, modification time and the names in its folder: what must not change.
    public static func fingerprint(_ url: URL) throws -> [String] {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        let date = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let names = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path).sorted()
        let data = try Data(contentsOf: url)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return ["\(data.count) bytes", String(hash, radix: 16), "mtime \(date)"] + names
    }
}
