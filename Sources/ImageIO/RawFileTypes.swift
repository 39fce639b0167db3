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

    /// True when the file's first bytes are a camera RAW's container, whatever its name: TIFF
    /// structure (CR2, NEF, ARW, DNG, ORF, RW2, PEF, and TIFF images), CR3, RAF, MRW or X3F.
    public static func startsLikeRaw(_ url: URL) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return false }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 12) else { return false }
        let head = [UInt8](data)
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<(offset + magic.count)]) == magic
        }
        return starts([0x49, 0x49]) && (starts([0x2A, 0x00], at: 2) || starts([0x52, 0x4F], at: 2) || starts([0x55, 0x00], at: 2))
            || starts([0x4D, 0x4D, 0x00, 0x2A]) || starts(Array("FUJIFILM".utf8)) || starts([0x00, 0x4D, 0x52, 0x4D])
            || starts(Array("FOVb".utf8)) || starts(Array("ftypcrx".utf8), at: 4)
    }

    public static func isDNG(_ url: URL) -> Bool {
        url.pathExtension.lowercased() == "dng"
    }
}
