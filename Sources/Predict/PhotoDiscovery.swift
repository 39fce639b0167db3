import Foundation
import ImageIO

/// Finds the photos to work on from the paths a user gave: files are taken as given, folders
/// are listed (and their subfolders too with `recursive`). RAW extensions are matched without
/// regard to case; JPEGs only when asked for. In folders, other files (sidecars, notes) are
/// passed over quietly; a file named explicitly that is not a photo, a missing path or an
/// unreadable folder is reported as a problem.
public struct PhotoDiscovery: Sendable {
    public var recursive: Bool
    public var includeJPEG: Bool

    public init(recursive: Bool = false, includeJPEG: Bool = false) {
        self.recursive = recursive
        self.includeJPEG = includeJPEG
    }

    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    public struct Found: Sendable, Equatable {
        /// Photos in a stable order: by folder, then by name.
        public var photos: [URL]
        public var problems: [Problem]
    }

    public func find(_ paths: [String]) -> Found {
        var found = Found(photos: [], problems: [])
        for path in paths {
            let url = URL(fileURLWithPath: path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                found.problems.append(Problem(path: path, reason: "no such file or folder"))
                continue
            }
            if isDirectory.boolValue {
                list(url, into: &found)
            } else if let reason = rejection(of: url) {
                found.problems.append(Problem(path: path, reason: reason))
            } else {
                found.photos.append(url)
            }
        }
        // A photo named twice (or inside a folder also named) is taken once.
        var seen = Set<String>()
        found.photos = found.photos.filter { seen.insert($0.standardizedFileURL.path).inserted }
        return found
    }

    /// Why a file is not taken as a photo, or nil when it is one.
    func rejection(of url: URL) -> String? {
        if RawFileTypes.isRaw(url) { return nil }
        if PhotoDecoder.isJPEG(url) { return includeJPEG ? nil : "a JPEG (pass --include-jpeg to develop JPEGs)" }
        return "not a RAW file (.\(url.pathExtension))"
    }

    private func list(_ folder: URL, into found: inout Found) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        } catch {
            found.problems.append(Problem(path: folder.path, reason: "cannot read the folder"))
            return
        }
        var subfolders: [URL] = []
        for name in names where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                subfolders.append(url)
            } else if rejection(of: url) == nil {
                found.photos.append(url)
            }
        }
        if recursive {
            for subfolder in subfolders { list(subfolder, into: &found) }
        }
    }
}
