import Foundation

/// Where a RAW's Lightroom sidecar is, and what else in its folder matters for it.
///
/// For `DIR/NAME.EXT` Lightroom's sidecar is `DIR/NAME.xmp` (extension replaced; `NAME.XMP`
/// is accepted too). `NAME.EXT.xmp` (extension appended) belongs to darktable and digiKam: it
/// is listed in `foreignSidecars` so callers can mention it, and is never read or written.
public struct SidecarLocation: Sendable, Equatable {
    /// The RAW file.
    public let raw: URL
    /// The existing Lightroom sidecar (`NAME.xmp`, else `NAME.XMP`), if any.
    public let existing: URL?
    /// Other RAWs in the folder with the same base name (`IMG_1.NEF` next to `IMG_1.CR2`):
    /// they would share the sidecar.
    public let sameBaseNameRaws: [URL]
    /// darktable/digiKam sidecars (`NAME.EXT.xmp`) next to the RAW, ignored.
    public let foreignSidecars: [URL]
    /// Every spelling of the sidecar present (`NAME.xmp`, `NAME.XMP`…). More than one is
    /// ambiguous: on a case-insensitive volume (macOS, Windows, most memory cards) they are one
    /// file, so which one Lightroom reads depends on the disk; AutoTone reads and writes neither.
    public let sidecarSpellings: [URL]

    /// True when two or more spellings of the sidecar exist side by side.
    public var hasAmbiguousSidecars: Bool { sidecarSpellings.count > 1 }

    /// The file AutoTone writes: the existing sidecar, else `DIR/NAME.xmp`.
    public var target: URL { existing ?? Self.sidecarURL(for: raw) }

    /// The RAW's extension upper-cased (`CR2`), as `photoshop:SidecarForExtension` records it.
    public var rawExtension: String { raw.pathExtension.uppercased() }

    /// True for DNG files, whose settings Lightroom keeps inside the file.
    public var isDNG: Bool { rawExtension == "DNG" }

    /// `DIR/NAME.xmp` for `DIR/NAME.EXT`.
    public static func sidecarURL(for raw: URL) -> URL {
        raw.deletingPathExtension().appendingPathExtension("xmp")
    }

    /// Extensions of camera RAW formats (lower case). A JPEG or HEIC next to a RAW is not a
    /// clash: it keeps its XMP inside the file.
    public static let rawExtensions: Set<String> = [
        "3fr", "ari", "arw", "bay", "cap", "cr2", "cr3", "crw", "dcr", "dcs", "dng", "erf", "fff", "gpr",
        "iiq", "k25", "kdc", "mef", "mos", "mrw", "nef", "nrw", "orf", "ori", "pef", "raf", "raw", "rw2",
        "rwl", "sr2", "srf", "srw", "x3f",
    ]

    /// Looks in the RAW's folder. `directoryListing` (file names) may be passed when many RAWs
    /// of one folder are located, to list it once.
    public init(raw: URL, directoryListing: [String]? = nil) {
        self.raw = raw
        let folder = raw.deletingLastPathComponent()
        let names = directoryListing ?? ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        let rawName = raw.lastPathComponent
        let base = raw.deletingPathExtension().lastPathComponent
        func stemAndExtension(_ name: String) -> (String, String)? {
            guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
            return (String(name[..<dot]), String(name[name.index(after: dot)...]))
        }
        var sidecars: [String] = []
        var clashes: [String] = []
        var foreign: [String] = []
        for name in names where name != rawName {
            guard let (stem, ext) = stemAndExtension(name) else { continue }
            if stem == base && ext.lowercased() == "xmp" {
                sidecars.append(name)
            } else if stem == base && Self.rawExtensions.contains(ext.lowercased()) {
                clashes.append(name)
            } else if stem == rawName && ext.lowercased() == "xmp" {
                foreign.append(name)
            }
        }
        // Lightroom writes `.xmp`; prefer it, then `.XMP`, then any other spelling.
        let preferred = sidecars.sorted { a, b in
            func rank(_ n: String) -> Int { n.hasSuffix(".xmp") ? 0 : n.hasSuffix(".XMP") ? 1 : 2 }
            return (rank(a), a) < (rank(b), b)
        }
        existing = preferred.first.map { folder.appendingPathComponent($0) }
        sidecarSpellings = preferred.map { folder.appendingPathComponent($0) }
        sameBaseNameRaws = clashes.sorted().map { folder.appendingPathComponent($0) }
        foreignSidecars = foreign.sorted().map { folder.appendingPathComponent($0) }
    }
}
