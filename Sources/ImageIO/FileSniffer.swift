import Foundation

/// Recognises a few common formats by their first bytes, so an error can say "this .NEF is
/// really a JPEG" instead of only "unsupported".
enum FileSniffer {
    static func describe(path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 16), !head.isEmpty else { return nil }
        return describe(head: [UInt8](head))
    }

    static func describe(head: [UInt8]) -> String? {
        func starts(_ magic: [UInt8]) -> Bool { head.starts(with: magic) }
        if starts([0xFF, 0xD8, 0xFF]) { return "the file is a JPEG" }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return "the file is a PNG" }
        if starts([0x47, 0x49, 0x46, 0x38]) { return "the file is a GIF" }
        if starts([0x25, 0x50, 0x44, 0x46]) { return "the file is a PDF" }
        if starts(Array("<?xpacket".utf8)) || starts(Array("<x:xmpmeta".utf8)) {
            return "the file is an XMP sidecar"
        }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) {
            return "TIFF structure, but not a RAW that LibRaw recognises"
        }
        return nil
    }

    /// True when the bytes start like a JPEG.
    static func isJPEG(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 3) else { return false }
        return [UInt8](head) == [0xFF, 0xD8, 0xFF]
    }
}
