import Foundation
import XMP

/// The catalog's develop settings for a set of RAWs on disk.
///
/// A RAW is matched to the catalog's file by its full path (root folder, folder, name, as
/// Lightroom recorded them). When the catalog was made on another machine or the disk is
/// mounted elsewhere, the path differs; then the photo's folder name and file name are matched,
/// and only when exactly one catalog file has them. Only the master photo's settings count: a
/// virtual copy is another rendition the photographer made, not the photo's edit.
public struct CatalogLabels: Sendable {
    /// What the catalog says about each RAW it holds, keyed by the RAW's standardised path.
    public private(set) var readings: [String: Result<CatalogReading, CatalogMatchProblem>] = [:]

    /// Reads the settings of the RAWs `raws` that the catalog holds.
    public init(catalog: LightroomCatalog, raws: [URL], descriptors: [SettingDescriptor] = SettingDescriptor.standard,
                parser: LuaTableParser = LuaTableParser()) throws(CatalogError) {
        let files = try catalog.files()
        var byPath: [String: CatalogFile] = [:]
        var byFolderAndName: [String: [CatalogFile]] = [:]
        for file in files {
            byPath[file.recordedPath] = file
            byFolderAndName[Self.folderAndName(folder: file.folderName, name: file.fileName), default: []].append(file)
        }
        var matched: [(raw: URL, file: CatalogFile, how: String?)] = []
        for raw in raws {
            let key = Self.key(raw)
            let exact = [raw.standardizedFileURL.path, raw.resolvingSymlinksInPath().path].lazy.compactMap { byPath[$0] }.first
            if let exact {
                matched.append((raw, exact, nil))
                continue
            }
            let folder = raw.deletingLastPathComponent().lastPathComponent
            let candidates = byFolderAndName[Self.folderAndName(folder: folder, name: raw.lastPathComponent)] ?? []
            if candidates.count == 1 {
                matched.append((raw, candidates[0], "matched by folder and file name; recorded as \(candidates[0].recordedPath)"))
            } else if candidates.count > 1 {
                readings[key] = .failure(CatalogMatchProblem(
                    reason: "\(candidates.count) photos in the catalog are \(folder)/\(raw.lastPathComponent) "
                        + "(\(candidates.map(\.recordedPath).joined(separator: ", "))) and none at this path; "
                        + "which one this is cannot be told"))
            }
        }
        let masters = matched.compactMap { $0.file.master?.id }
        let records = try catalog.developRecords(images: masters)
        for (raw, file, how) in matched {
            let key = Self.key(raw)
            guard let master = file.master else {
                readings[key] = .failure(CatalogMatchProblem(
                    reason: "the catalog holds only virtual copies of it (\(file.images.count)), whose settings are not the photo's edit"))
                continue
            }
            var source = "\(catalog.url.path) (image \(master.id)"
            if let how { source += "; " + how }
            source += ")"
            var reading = CatalogReading(raw: raw, source: source, packet: nil, error: nil,
                                         virtualCopies: file.virtualCopies.count, lastChange: nil)
            if let record = records[master.id] {
                reading.lastChange = record.lastChange
                do {
                    reading.packet = try CatalogDevelopPacket.packet(record: record, source: source,
                                                                     descriptors: descriptors, parser: parser)
                } catch {
                    reading.error = error
                }
            }
            readings[key] = .success(reading)
        }
    }

    /// The catalog's reading of `raw`: nil when the catalog does not hold it, a problem when it
    /// cannot tell which of its photos this is.
    public func reading(for raw: URL) -> Result<CatalogReading, CatalogMatchProblem>? {
        readings[Self.key(raw)]
    }

    static func key(_ raw: URL) -> String { raw.standardizedFileURL.path }

    static func folderAndName(folder: String, name: String) -> String {
        folder.lowercased() + "/" + name.lowercased()
    }
}

/// Why a RAW could not be matched to one photo of the catalog.
public struct CatalogMatchProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}
