/// Why a Lightroom catalog cannot be read. Each is one line that names the catalog file and says
/// what to do; none of them changes the catalog.
public enum CatalogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path does not exist, is a folder, or cannot be opened.
    case unreadable(path: String, reason: String)
    /// The file does not start with SQLite's header.
    case notSQLite(path: String)
    /// `NAME.lrcat.lock` exists: Lightroom has the catalog open.
    case openInLightroom(path: String, lockFile: String)
    /// A non-empty `-wal` or `-journal` file: changes not yet written into the catalog itself.
    case beingWritten(path: String, file: String, bytes: Int64)
    /// SQLite, but not a Lightroom catalog (tables or columns AutoTone reads are missing).
    case notACatalog(path: String, missing: String)
    /// `Adobe_DBVersion` is not one of the versions AutoTone knows.
    case unknownSchemaVersion(path: String, version: String)
    /// SQLite failed while reading (a damaged file, or one that changed during the read).
    case database(path: String, message: String)

    public var path: String {
        switch self {
        case .unreadable(let path, _), .notSQLite(let path), .openInLightroom(let path, _),
             .beingWritten(let path, _, _), .notACatalog(let path, _), .unknownSchemaVersion(let path, _),
             .database(let path, _):
            return path
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): \(reason)"
        case .notSQLite(let path):
            return "\(path): not a Lightroom catalog (the file is not an SQLite database; a .lrcat is one)"
        case .openInLightroom(let path, let lockFile):
            return "\(path): Lightroom has this catalog open (\(lockFile) exists); quit Lightroom, which writes "
                + "its last edits into the catalog, then run again"
        case .beingWritten(let path, let file, let bytes):
            return "\(path): the catalog is being written (\(file) holds \(bytes) bytes not yet in the catalog); "
                + "open and quit Lightroom so it finishes, then run again"
        case .notACatalog(let path, let missing):
            return "\(path): not a Lightroom catalog AutoTone can read (\(missing))"
        case .unknownSchemaVersion(let path, let version):
            return "\(path): catalog schema version \(version) is not one AutoTone knows "
                + "(\(CatalogSchema.knownVersionsDescription)); upgrade it in Lightroom, or save the edits to sidecars "
                + "(Metadata > Save Metadata to Files) and run without --catalog"
        case .database(let path, let message):
            return "\(path): cannot read the catalog: \(message)"
        }
    }
}
