import Foundation
import XMP

/// The XMP packet a synthetic photographer's edit leaves inside a DNG, shaped like the one
/// Lightroom embeds: an `<?xpacket?>` wrapper with padding, `xmp:CreatorTool`, then the
/// develop settings and bookkeeping that the XMP module writes for a new sidecar
/// (`crs:ProcessVersion`, `HasSettings`, `RawFileName`, …). The creator tool says honestly that
/// no Lightroom was involved.
enum EmbeddedEdit {
    /// The packet for `settings` on the DNG named `rawFileName`, edited by a photographer with
    /// style `styleName` at `editDate` (written in UTC, so the same seed gives the same bytes).
    static func packet(settings: DevelopSettings, rawFileName: String, styleName: String,
                       editDate: Date) throws -> Data {
        let content = SidecarContent(
            settings: settings, rawFileName: rawFileName, metadataDate: editDate,
            timeZone: TimeZone(secondsFromGMT: 0) ?? .current, toolkit: "AutoTone")
        return try SidecarMerger.merge(content, into: template(creatorTool: creatorTool(styleName: styleName)),
                                       source: rawFileName + " (embedded XMP)")
    }

    static func creatorTool(styleName: String) -> String {
        "AutoTone synthetic photographer (style \(styleName))"
    }

    /// An empty packet holding only the creator tool; the merger adds the rest next to it.
    /// 2 KB of padding, as XMP writers leave room to edit the packet in place.
    private static func template(creatorTool: String) -> Data {
        let escaped = creatorTool.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "<", with: "&lt;")
        let padding = String(repeating: String(repeating: " ", count: 99) + "\n", count: 20)
        return Data("""
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="\(XMPNamespace.meta)" x:xmptk="AutoTone">
             <rdf:RDF xmlns:rdf="\(XMPNamespace.rdf)">
              <rdf:Description rdf:about=""
                xmlns:xmp="\(XMPNamespace.xmp)"
                xmlns:photoshop="\(XMPNamespace.photoshop)"
                xmlns:crs="\(XMPNamespace.cameraRawSettings)"
               xmp:CreatorTool="\(escaped)"/>
             </rdf:RDF>
            </x:xmpmeta>
            \(padding)<?xpacket end="w"?>
            """.utf8)
    }
}
