import Foundation

/// Finds where a TIFF (CR2, DNG and most RAWs) stores a tag's value, so a test can patch it.
///
/// Walks IFD0's chain and every SubIFD (tag 330), as LibRaw does; ignores anything that does
/// not fit inside the bytes, so it also works on files that are already damaged.
struct TIFFTagLocator {
    /// One tag value stored inline in its IFD entry.
    struct Value {
        var tag: UInt16
        /// Byte offset of the value in the file.
        var offset: Int
        /// 2 (SHORT) or 4 (LONG).
        var size: Int
    }

    let bytes: [UInt8]
    let littleEndian: Bool

    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 8 else { return nil }
        switch (bytes[0], bytes[1]) {
        case (0x49, 0x49): littleEndian = true
        case (0x4D, 0x4D): littleEndian = false
        default: return nil
        }
        self.bytes = bytes
    }

    func read(_ offset: Int, size: Int) -> Int? {
        guard offset >= 0, offset + size <= bytes.count else { return nil }
        var value = 0
        for index in 0..<size {
            let byte = Int(bytes[offset + (littleEndian ? size - 1 - index : index)])
            value = value << 8 | byte
        }
        return value
    }

    /// Every inline SHORT or LONG value of the given tags.
    func values(of tags: Set<UInt16>) -> [Value] {
        var found: [Value] = []
        var pending = [read(4, size: 4) ?? 0]
        var visited = Set<Int>()
        while let ifd = pending.popLast() {
            guard ifd > 0, visited.insert(ifd).inserted, visited.count < 64,
                  let entries = read(ifd, size: 2), entries < 1000 else { continue }
            for index in 0..<entries {
                let entry = ifd + 2 + 12 * index
                guard let tag = read(entry, size: 2), let type = read(entry + 2, size: 2),
                      let count = read(entry + 4, size: 4) else { break }
                let size = type == 3 ? 2 : type == 4 ? 4 : 0
                if tags.contains(UInt16(tag)), size > 0, count == 1 {
                    found.append(Value(tag: UInt16(tag), offset: entry + 8, size: size))
                }
                if tag == 330, size == 4 {
                    // SubIFDs: one offset inline, or a list of offsets elsewhere.
                    let list = count == 1 ? entry + 8 : read(entry + 8, size: 4) ?? -1
                    for sub in 0..<min(count, 16) { pending.append(read(list + 4 * sub, size: 4) ?? 0) }
                }
            }
            pending.append(read(ifd + 2 + 12 * entries, size: 4) ?? 0)  // the next IFD in the chain
        }
        return found
    }

    /// `bytes` with the value at `value` replaced by `newValue` (truncated to its size).
    static func patch(_ bytes: inout [UInt8], _ value: Value, to newValue: UInt32, littleEndian: Bool) {
        for index in 0..<value.size {
            let shift = 8 * (littleEndian ? index : value.size - 1 - index)
            bytes[value.offset + index] = UInt8(truncatingIfNeeded: newValue >> UInt32(shift))
        }
    }
}
