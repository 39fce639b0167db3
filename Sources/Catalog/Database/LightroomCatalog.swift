import Foundation
import GRDB

/// A Lightroom Classic catalog (`NAME.lrcat`, an SQLite database), opened so that it is never
/// changed, locked or waited on: SQLite opens it read-only and immutable (`?immutable=1`: no
/// locks, no journal, no `-shm` file), or, where the SQLite library cannot take URIs, a private
/// copy is read instead. A catalog Lightroom has open, or one with changes still in its
/// write-ahead log, is refused with a one-line `CatalogError` rather than read half-written.
public final class LightroomCatalog: Sendable {
    /// The catalog file.
    public let url: URL
    /// `Adobe_DBVersion`, e.g. `1300025`.
    public let schemaVersion: String
    private let queue: DatabaseQueue
    /// Optional columns this catalog has (they came with later Lightroom versions).
    private let hasAdjustmentsEx: Bool
    private let hasHDRColumn: Bool
    private let hasSettingsIDCache: Bool
    /// The private copy, when SQLite could not open the file itself immutably.
    private let privateCopy: URL?

    /// Opens `url`; throws `CatalogError` (one line, naming the file) when it cannot be read safely.
    public init(url: URL) throws(CatalogError) {
        let path = url.path
        self.url = url
        try Self.checkFile(url)
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "Lightroom catalog"
        let copy: URL?
        let queue: DatabaseQueue
        do {
            if try Self.sqliteTakesURIs() {
                copy = nil
                queue = try DatabaseQueue(path: Self.immutableURI(for: url), configuration: configuration)
            } else {
                let folder = FileManager.default.temporaryDirectory
                    .appendingPathComponent("autotone-catalog-\(UUID().uuidString)", isDirectory: true)
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
                let target = folder.appendingPathComponent(url.lastPathComponent)
                try FileManager.default.copyItem(at: url, to: target)
                copy = target
                queue = try DatabaseQueue(path: target.path, configuration: configuration)
            }
        } catch {
            throw Self.wrap(error, path: path)
        }
        self.queue = queue
        self.privateCopy = copy
        do {
            let columns = try queue.read { db in try Self.columns(db) }
            for (table, needed) in CatalogSchema.requiredColumns {
                guard let present = columns[table] else {
                    throw CatalogError.notACatalog(path: path, missing: "no table \(table)")
                }
                if let missing = needed.first(where: { !present.contains($0) }) {
                    throw CatalogError.notACatalog(path: path, missing: "no column \(table).\(missing)")
                }
            }
            let version = try queue.read { db in
                try String.fetchOne(db, sql: "SELECT value FROM Adobe_variablesTable WHERE name = 'Adobe_DBVersion'")
            }
            guard let version else {
                throw CatalogError.notACatalog(path: path, missing: "no Adobe_DBVersion in Adobe_variablesTable")
            }
            guard let major = CatalogSchema.majorVersion(of: version), CatalogSchema.knownMajorVersions.contains(major) else {
                throw CatalogError.unknownSchemaVersion(path: path, version: version)
            }
            schemaVersion = version
            hasAdjustmentsEx = columns["Adobe_imageDevelopSettings"]?.contains("hasDevelopAdjustmentsEx") ?? false
            hasHDRColumn = columns["Adobe_imageDevelopSettings"]?.contains("isHdrEditMode") ?? false
            hasSettingsIDCache = columns["Adobe_images"]?.contains("developSettingsIDCache") ?? false
        } catch let error as CatalogError {
            Self.remove(copy)
            throw error
        } catch {
            Self.remove(copy)
            throw Self.wrap(error, path: path)
        }
    }

    deinit {
        try? queue.close()
        Self.remove(privateCopy)
    }

    // MARK: Reading

    /// Every file the catalog knows, with the images (master and virtual copies) that show it.
    /// Only names and ids: cheap even for a catalog of a hundred thousand photos.
    public func files() throws(CatalogError) -> [CatalogFile] {
        do {
            return try queue.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT f.id_local AS file, r.absolutePath AS root, fo.pathFromRoot AS folder,
                           f.baseName AS baseName, f.extension AS extension,
                           i.id_local AS image, i.masterImage AS master, i.copyName AS copyName
                    FROM AgLibraryFile f
                    JOIN AgLibraryFolder fo ON fo.id_local = f.folder
                    JOIN AgLibraryRootFolder r ON r.id_local = fo.rootFolder
                    JOIN Adobe_images i ON i.rootFile = f.id_local
                    ORDER BY f.id_local, i.id_local
                    """)
                var files: [CatalogFile] = []
                for row in rows {
                    let fileID: Int64 = row["file"]
                    let image = CatalogImage(id: row["image"], masterID: row["master"], copyName: row["copyName"])
                    if let last = files.last, last.id == fileID {
                        files[files.count - 1].images.append(image)
                    } else {
                        files.append(CatalogFile(
                            id: fileID, rootPath: Self.text(row["root"]), folderPath: Self.text(row["folder"]),
                            baseName: Self.text(row["baseName"]), fileExtension: Self.text(row["extension"]),
                            images: [image]))
                    }
                }
                return files
            }
        } catch {
            throw Self.wrap(error, path: url.path)
        }
    }

    /// The current develop settings of the images `ids`, keyed by image id. When an image has
    /// several rows (older histories), the one `Adobe_images.developSettingsIDCache` names, else the newest.
    public func developRecords(images ids: [Int64]) throws(CatalogError) -> [Int64: CatalogDevelopRecord] {
        guard !ids.isEmpty else { return [:] }
        let adjustments = hasAdjustmentsEx ? "ds.hasDevelopAdjustmentsEx" : "ds.hasDevelopAdjustments"
        let hdr = hasHDRColumn ? "ds.isHdrEditMode" : "0"
        let current = hasSettingsIDCache ? "i.developSettingsIDCache" : "NULL"
        do {
            return try queue.read { db in
                var records: [Int64: (record: CatalogDevelopRecord, rowID: Int64, isCurrent: Bool)] = [:]
                // SQLite allows 999 parameters in older builds; ask in chunks.
                for start in stride(from: 0, to: ids.count, by: 500) {
                    let chunk = Array(ids[start..<min(start + 500, ids.count)])
                    let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                    let rows = try Row.fetchAll(db, sql: """
                        SELECT ds.id_local AS row, ds.image AS image, ds.text AS text,
                               ds.processVersion AS processVersion, \(adjustments) AS adjustments, \(hdr) AS hdr,
                               (\(current) = ds.id_local) AS isCurrent, i.touchTime AS touchTime
                        FROM Adobe_imageDevelopSettings ds JOIN Adobe_images i ON i.id_local = ds.image
                        WHERE ds.image IN (\(marks))
                        """, arguments: StatementArguments(chunk))
                    for row in rows {
                        let image: Int64 = row["image"]
                        let rowID: Int64 = row["row"]
                        let isCurrent = (row["isCurrent"] as Int64?) == 1
                        let record = CatalogDevelopRecord(
                            imageID: image, text: Self.optionalText(row["text"]),
                            processVersion: Self.optionalText(row["processVersion"]),
                            hasAdjustments: row["adjustments"] as Double?,
                            isHDR: (row["hdr"] as Int64?) == 1,
                            touchTime: row["touchTime"] as Double?)
                        if let existing = records[image] {
                            let better = isCurrent && !existing.isCurrent
                                || (isCurrent == existing.isCurrent && rowID > existing.rowID)
                            if !better { continue }
                        }
                        records[image] = (record, rowID, isCurrent)
                    }
                }
                return records.mapValues(\.record)
            }
        } catch {
            throw Self.wrap(error, path: url.path)
        }
    }

    // MARK: Opening safely

    /// The checks made before SQLite sees the file: a readable regular file with SQLite's
    /// header, no Lightroom lock beside it, nothing left in a write-ahead log or journal.
    static func checkFile(_ url: URL) throws(CatalogError) {
        let path = url.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .unreadable(path: path, reason: "no such file")
        }
        guard !isFolder.boolValue else {
            throw .unreadable(path: path, reason: "is a folder; pass the .lrcat file inside it")
        }
        let header: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            header = try handle.read(upToCount: 100) ?? Data()
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        guard header.count >= 16, header.prefix(16) == Data("SQLite format 3\u{0}".utf8) else {
            throw .notSQLite(path: path)
        }
        let lock = path + ".lock"
        if FileManager.default.fileExists(atPath: lock) {
            throw .openInLightroom(path: path, lockFile: (lock as NSString).lastPathComponent)
        }
        for suffix in ["-wal", "-journal"] {
            let side = path + suffix
            if let size = (try? FileManager.default.attributesOfItem(atPath: side))?[.size] as? NSNumber,
               size.int64Value > 0 {
                throw .beingWritten(path: path, file: (side as NSString).lastPathComponent, bytes: size.int64Value)
            }
        }
    }

    /// True when this SQLite library reads `file:` URIs in plain paths (Debian's is built so).
    static func sqliteTakesURIs() throws -> Bool {
        let memory = try DatabaseQueue()
        return try memory.read { db in
            try Bool.fetchOne(db, sql: "SELECT sqlite_compileoption_used('USE_URI')") ?? false
        }
    }

    /// `file:/path?immutable=1&mode=ro`, with the path percent-encoded as SQLite's URIs need.
    static func immutableURI(for url: URL) -> String {
        let path = url.standardizedFileURL.path
        var encoded = ""
        for byte in path.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, CharacterSet.alphanumerics.contains(scalar) || "/-._~".unicodeScalars.contains(scalar) {
                encoded.unicodeScalars.append(scalar)
            } else {
                encoded += String(format: "%%%02X", byte)
            }
        }
        return "file:" + encoded + "?mode=ro&immutable=1"
    }

    static func columns(_ db: Database) throws -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        for (table, _) in CatalogSchema.requiredColumns + [("Adobe_images", [])] {
            let names = try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table])
                .map { $0["name"] as String }
            if !names.isEmpty { result[table] = Set(names) }
        }
        return result
    }

    static func wrap(_ error: Error, path: String) -> CatalogError {
        if let catalogError = error as? CatalogError { return catalogError }
        if let databaseError = error as? DatabaseError {
            let message = databaseError.message ?? "SQLite error \(databaseError.resultCode.rawValue)"
            return .database(path: path, message: message.replacingOccurrences(of: "\n", with: " "))
        }
        return .database(path: path, message: (error as NSError).localizedDescription)
    }

    static func remove(_ copy: URL?) {
        guard let copy else { return }
        try? FileManager.default.removeItem(at: copy.deletingLastPathComponent())
    }

    /// Text columns may hold other types in a damaged or hand-made catalog; read what is there.
    static func text(_ value: DatabaseValue) -> String { optionalText(value) ?? "" }

    static func optionalText(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: return nil
        case .string(let text): return text
        case .int64(let number): return String(number)
        case .double(let number): return String(number)
        case .blob(let data): return String(decoding: data, as: UTF8.self)
        }
    }
}
