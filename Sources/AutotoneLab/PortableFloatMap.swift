import Foundation
import ImageIO

/// Reading and writing Portable Float Maps (PFM, "PF" colour), the scene files that
/// `Scripts/make-scenes.py` writes: a text header, then Float32 RGB rows from bottom to top.
enum PortableFloatMap {
    enum Failure: Error, CustomStringConvertible {
        case unreadable(path: String, reason: String)

        var description: String {
            switch self {
            case let .unreadable(path, reason): "cannot read PFM \(path): \(reason)"
            }
        }
    }

    static func read(_ url: URL) throws(Failure) -> LinearImage {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        let bytes = [UInt8](data)
        // Three whitespace-separated header fields after "PF": width, height, scale.
        var tokens: [String] = []
        var index = 0, current = ""
        while tokens.count < 4, index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == 0x0A || byte == 0x20 || byte == 0x0D || byte == 0x09 {
                if !current.isEmpty { tokens.append(current); current = "" }
            } else {
                current.append(Character(UnicodeScalar(byte)))
            }
        }
        guard tokens.count == 4, tokens[0] == "PF", let width = Int(tokens[1]), let height = Int(tokens[2]),
              let scale = Float(tokens[3]), width > 0, height > 0 else {
            throw .unreadable(path: url.path, reason: "not a colour PFM header")
        }
        let count = width * height * 3
        guard bytes.count - index >= count * 4 else { throw .unreadable(path: url.path, reason: "truncated") }
        var pixels = [Float](repeating: 0, count: count)
        let littleEndian = scale < 0
        for row in 0..<height {
            let sourceRow = height - 1 - row
            for column in 0..<(width * 3) {
                let offset = index + (sourceRow * width * 3 + column) * 4
                var bits = UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8
                    | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
                if !littleEndian { bits = bits.byteSwapped }
                pixels[row * width * 3 + column] = Float(bitPattern: bits)
            }
        }
        return LinearImage(width: width, height: height, pixels: pixels)
    }
}

/// Writes 8-bit binary PPM (P6), for looking at renderings (convert to PNG with any tool).
enum PortablePixmap {
    static func write(width: Int, height: Int, rgb: [UInt8], to url: URL) throws {
        var data = Data("P6\n\(width) \(height)\n255\n".utf8)
        data.append(contentsOf: rgb)
        try data.write(to: url, options: .atomic)
    }
}
