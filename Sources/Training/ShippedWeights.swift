import Foundation

/// Where the shipped model lives: `Weights/autotone-vit-tiny.safetensors`, found from
/// `$AUTOTONE_WEIGHTS`, then beside the executable or any of its parent folders (a build
/// inside the repository: `.build/release/autotone`), then the current folder.
public enum ShippedWeights {
    public static let relativePath = "Weights/autotone-vit-tiny.safetensors"

    public static func locate(executable: URL = URL(fileURLWithPath: CommandLine.arguments[0]),
                              environment: [String: String] = ProcessInfo.processInfo.environment,
                              currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        -> URL?
    {
        if let path = environment["AUTOTONE_WEIGHTS"], !path.isEmpty { return URL(fileURLWithPath: path) }
        var folder = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent(relativePath)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        let candidate = currentDirectory.appendingPathComponent(relativePath)
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }
}
