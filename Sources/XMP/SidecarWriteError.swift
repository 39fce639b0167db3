import Foundation

/// Why AutoTone did not write (or could not finish writing) a sidecar. Every case names the
/// files involved and says what to do differently.
public enum SidecarWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The existing sidecar cannot be parsed; AutoTone never rewrites what it cannot read.
    case existingUnreadable(path: String, error: XMPReadError)
    /// The existing sidecar parses but could not be changed safely (e.g. an owned property is
    /// a structure, or the result did not read back as written).
    case cannotMerge(path: String, reason: String)
    /// Two RAWs share the base name, so both would use this sidecar.
    case baseNameClash(raw: String, sidecar: String, others: [String])
    /// Two spellings of the sidecar (`NAME.XMP` and `NAME.xmp`) exist side by side.
    case ambiguousSidecars(raw: String, sidecars: [String])
    /// The existing sidecar says it belongs to a file with another extension.
    case sidecarForOtherFile(sidecar: String, rawExtension: String, sidecarFor: String)
    /// Refused to write a `NAME.EXT.xmp` file: that name belongs to darktable/digiKam.
    case foreignSidecarName(path: String)
    /// An `autotone:` property name that is not a valid XML name.
    case invalidPropertyName(String)
    /// The folder does not allow creating files (read-only folder or file system).
    case folderNotWritable(path: String)
    /// A system call failed.
    case io(path: String, operation: String, code: Int32)
    /// The write was stopped between writing the temporary file and the rename.
    case interrupted(path: String, reason: String)

    public var description: String {
        switch self {
        case .existingUnreadable(let path, let error):
            return "\(path): existing sidecar cannot be read, left untouched (\(error))"
        case .cannotMerge(let path, let reason): return "\(path): cannot merge safely, left untouched: \(reason)"
        case .baseNameClash(let raw, let sidecar, let others):
            return "\(raw): not writing \(sidecar): \(others.joined(separator: ", ")) share(s) the same base name and "
                + "would use the same sidecar; rename one of them"
        case .ambiguousSidecars(let raw, let sidecars):
            return "\(raw): not writing: \(sidecars.joined(separator: " and ")) both exist; on a case-insensitive "
                + "disk they are one file, so which one Lightroom reads is undefined; keep one of them"
        case .sidecarForOtherFile(let sidecar, let ext, let other):
            return "\(sidecar): belongs to a .\(other) file (photoshop:SidecarForExtension), not the .\(ext); left untouched"
        case .foreignSidecarName(let path):
            return "\(path): NAME.EXT.xmp is darktable's/digiKam's sidecar name; AutoTone never writes it"
        case .invalidPropertyName(let name): return "\"\(name)\" is not a valid XMP property name"
        case .folderNotWritable(let path): return "\(path): folder is not writable"
        case .io(let path, let operation, let code):
            return "\(path): \(operation) failed: \(String(cString: strerror(code)))"
        case .interrupted(let path, let reason): return "\(path): write interrupted before the rename: \(reason)"
        }
    }
}
