import Foundation
import XCTest

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Runs the real `exiftool` (an independent XMP reader) and returns `Group:Tag` → value as
/// written in the file (`-X` output keeps the strings, e.g. `+0.35`).
enum ExifTool {
    /// The `exiftool` executable on PATH. Tests fail (not skip) without it: CI installs it.
    static func executable() throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("exiftool")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        XCTFail("exiftool is not installed (Debian: libimage-exiftool-perl); it checks what AutoTone writes")
        throw CocoaError(.fileNoSuchFile)
    }

    /// XMP tags of `file` from the crs, photoshop, xmp and autotone groups.
    static func xmpTags(_ file: URL) throws -> [String: String] {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = [
            "-X", "-XMP-crs:all", "-XMP-photoshop:all", "-XMP-xmp:all", "-XMP-autotone:all", file.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "exiftool failed on \(file.path)")
        let document = try XMLDocument(data: data, options: [])
        var tags: [String: String] = [:]
        let descriptions = document.rootElement()?.elements(forName: "rdf:Description") ?? []
        for element in descriptions.first?.children ?? [] where element.kind == .element {
            guard let name = element.name, name.hasPrefix("XMP-") else { continue }
            tags[name] = element.stringValue ?? ""
        }
        return tags
    }
}
