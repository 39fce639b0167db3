import Foundation

/// The comment (COM segment) AutoTone puts into every JPEG it writes, so a later run can tell
/// its own previews and thumbnails, which it may replace, from a photographer's JPEGs, which it
/// must not.
public enum JPEGComment {
    /// The comment's text.
    public static let autoTone = "Written by AutoTone"

    /// `jpeg` with a COM segment holding `text` after SOI and the JFIF APP0 segment (where
    /// strict readers expect APP0). Data that is not a JPEG comes back unchanged.
    static func inserting(_ text: String, into jpeg: Data) -> Data {
        let bytes = [UInt8](jpeg)
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return jpeg }
        var offset = 2
        if bytes[2] == 0xFF, bytes[3] == 0xE0, bytes.count > 6 {
            offset = 4 + Int(bytes[4]) << 8 + Int(bytes[5])
        }
        let payload = Array(text.utf8.prefix(65_533))
        let length = payload.count + 2
        let segment = [0xFF, 0xFE, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
        return Data(bytes[..<offset] + segment + bytes[offset...])
    }

    /// The comments of the JPEG at `url`, read from the segments before the image data (at most
    /// the first 256 KiB); empty when the file is not a JPEG or cannot be read.
    public static func comments(in url: URL) -> [String] {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return [] }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 1 << 18) else { return [] }
        return comments(in: [UInt8](head))
    }

    static func comments(in bytes: [UInt8]) -> [String] {
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return [] }
        var found: [String] = []
        var offset = 2
        while offset + 4 <= bytes.count, bytes[offset] == 0xFF {
            let marker = bytes[offset + 1]
            if marker == 0xDA || marker == 0xD9 { break }  // image data or end: no more headers
            let length = Int(bytes[offset + 2]) << 8 + Int(bytes[offset + 3])
            guard length >= 2, offset + 2 + length <= bytes.count else { break }
            if marker == 0xFE {
                found.append(String(decoding: bytes[(offset + 4)..<(offset + 2 + length)], as: UTF8.self))
            }
            offset += 2 + length
        }
        return found
    }

    /// True when the JPEG at `url` carries AutoTone's comment: a file AutoTone wrote.
    public static func isAutoTone(_ url: URL) -> Bool {
        comments(in: url).contains(autoTone)
    }
}
