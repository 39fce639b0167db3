import Foundation

/// File extensions of the RAW formats LibRaw decodes (compared case-insensitively).
public enum RawFileTypes {
    public static let extensions: Set<String> = [
        "3fr", "ari", "arw", "bay", "cap", "cr2", "cr3", "crw", "dcr", "dcs", "dng", "drf", "eip",
        "erf", "fff", "gpr", "iiq", "k25", "kdc", "mdc", "mef", "mos", "mrw", "nef", "nrw", "orf",
        "pef", "ptx", "pxn", "r3d", "raf", "raw", "rw2", "rwl", "rwz", "sr2", "srf", "srw", "sti",
        "x3f",
    ]

    public static func isRaw(_ url: URL) -> Bool {
        extensions.contains(url.pathExtension.lowercased())
    }

    public static func isDNG(_ url: URL) -> Bool {
        url.pathExtension.lowercased() == "dng"
    }
}
