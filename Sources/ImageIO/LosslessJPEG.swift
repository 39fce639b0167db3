/// Lossless JPEG (ITU T.81 process 14, SOF3) as LibRaw's `lossless_jpeg_load_raw` reads it for
/// Canon CR2 and the other files that use it, with the same result sample for sample.
///
/// Why by hand: this is most of a RAW's decode, and LibRaw 0.20 spends 0.2–0.3 s on the sample
/// CR2's 8.5 million samples (a virtual call per byte, two calls and four integer divisions per
/// sample); this decoder 0.08 s (Benchmarks.md). It keeps 64 bits of the stream in a register,
/// decodes most codes and their difference bits with one table lookup, and places whole runs
/// instead of single samples. It follows LibRaw's
/// reading of the format, quirks included (Huffman tables by their index, not the scan's choice;
/// a 16-bit difference as −32768), and returns false for anything else it meets — restart
/// intervals, predictors other than 1, Canon's sRAW, a code outside the table, a sample out of
/// range, a stream that runs out —, so LibRaw decodes those files itself.
enum LosslessJPEG {
    /// Where to write: what LibRaw's decoder would be given.
    struct Destination {
        var samples: UnsafeMutablePointer<UInt16>
        var rawWidth: Int
        var rawHeight: Int
        /// Canon's slices: `count` slices `width` wide, then one `lastWidth` wide; count 0: none.
        var slices: (count: Int, width: Int, lastWidth: Int)
        /// LibRaw's linearisation table, 65,536 entries.
        var curve: UnsafePointer<UInt16>
        /// The file's DNG version, 0 for other files: LibRaw reads a few things differently for DNGs.
        var dngVersion: UInt32
    }

    /// Decodes the stream that starts (at its SOI marker) at `offset` in `file`; false when this
    /// decoder does not follow the file (nothing is promised about `destination` then).
    static func decode(_ file: UnsafeRawBufferPointer, offset: Int, into destination: Destination) -> Bool {
        guard offset >= 0, offset < file.count,
              // Before DNG 1.1, LibRaw reads 16 more bits after a length-16 code.
              destination.dngVersion == 0 || destination.dngVersion >= 0x0101_0000,
              let header = Header(file, offset: offset, isDNG: destination.dngVersion != 0),
              destination.slices.count == 0 || (destination.slices.width > 0 && destination.slices.lastWidth > 0)
        else { return false }
        var reader = BitReader(file, start: header.scanStart)
        let samplesPerRow = header.width * header.components
        var row = [UInt16](repeating: 0, count: samplesPerRow)
        let placement = Placement(destination, samplesPerRow: samplesPerRow)
        // The components' tables side by side, reached through pointers in the loop.
        let entries = header.tables.flatMap(\.entries), shortcuts = header.tables.flatMap(\.shortcuts)
        return entries.withUnsafeBufferPointer { entries in shortcuts.withUnsafeBufferPointer { shortcuts in
            var start = 0
            let lookups = header.tables.enumerated().map { index, table in
                defer { start += table.entries.count }
                return Lookup(entries: entries.baseAddress! + start, shift: UInt64(64 - table.maxLength),
                              shortcuts: shortcuts.baseAddress! + index << HuffmanTable.shortcutBits)
            }
            return lookups.withUnsafeBufferPointer { lookups in
                row.withUnsafeMutableBufferPointer { row in
                    var firstColumn = [Int](repeating: 1 << (header.bits - 1), count: header.components)
                    for jpegRow in 0..<header.height {
                        guard decodeRow(row.baseAddress!, width: header.width, bits: header.bits, lookups: lookups,
                                        firstColumn: &firstColumn, reader: &reader),
                              placement.place(UnsafeBufferPointer(row), jpegRow: jpegRow)
                        else { return false }
                    }
                    return !reader.overran
                }
            }
        } }
    }

    /// One component's Huffman table as the loop reads it.
    private struct Lookup {
        let entries: UnsafePointer<UInt16>
        /// 64 − the table's longest code.
        let shift: UInt64
        let shortcuts: UnsafePointer<Int32>
    }

    /// One row: predictor 1 (the sample to the left; the first column from the one above).
    private static func decodeRow(_ row: UnsafeMutablePointer<UInt16>, width: Int, bits: Int,
                                  lookups: UnsafeBufferPointer<Lookup>, firstColumn: inout [Int],
                                  reader: inout BitReader) -> Bool {
        let components = lookups.count
        var failed = false
        // A sample of `bits` or more bits: LibRaw keeps it and reports a data error; let it do both.
        var high: UInt16 = 0
        for c in 0..<components {
            let difference = reader.difference(lookups[c], failed: &failed)
            firstColumn[c] += difference
            let value = UInt16(truncatingIfNeeded: firstColumn[c])
            high |= value
            row[c] = value
        }
        let count = width * components
        var index = components
        while index < count {
            for c in 0..<components {
                let difference = reader.difference(lookups[c], failed: &failed)
                let value = UInt16(truncatingIfNeeded: Int(row[index - components]) &+ difference)
                high |= value
                row[index] = value
                index += 1
            }
        }
        return !failed && Int(high) >> bits == 0 && !reader.overran
    }

    /// The frame and scan headers up to the first byte of entropy-coded data.
    private struct Header {
        var bits = 0, height = 0, width = 0, components = 0
        var tables: [HuffmanTable] = []
        var scanStart = 0

        init?(_ file: UnsafeRawBufferPointer, offset: Int, isDNG: Bool) {
            var position = offset
            func byte(_ at: Int) -> Int? { at < file.count ? Int(file[at]) : nil }
            guard byte(position) == 0xFF, byte(position + 1) == 0xD8 else { return nil }
            position += 2
            var defined = [HuffmanTable?](repeating: nil, count: 20)
            var predictor = 0, pointTransform = 0, sawFrame = false
            while true {
                guard let t0 = byte(position), let t1 = byte(position + 1),
                      let l0 = byte(position + 2), let l1 = byte(position + 3)
                else { return nil }
                let tag = t0 << 8 | t1, length = (l0 << 8 | l1) - 2
                position += 4
                guard tag > 0xFF00, length >= 0, position + length <= file.count else { return nil }
                let segment = UnsafeRawBufferPointer(rebasing: file[position..<position + length])
                position += length
                switch tag {
                case 0xFFC3:
                    guard length >= 9 else { return nil }
                    // LibRaw's sRAW test: the first component sampled more than once.
                    guard ((Int(segment[7]) >> 4) * (Int(segment[7]) & 15) - 1) & 3 == 0 else { return nil }
                    bits = Int(segment[0])
                    height = Int(segment[1]) << 8 | Int(segment[2])
                    width = Int(segment[3]) << 8 | Int(segment[4])
                    components = Int(segment[5])
                    sawFrame = true
                    if length == 9 && !isDNG { position += 1 }  // LibRaw skips a byte here
                case 0xFFC0, 0xFFC1, 0xFFDD:
                    return nil  // not lossless, or restart intervals: LibRaw's to read
                case 0xFFC4:
                    var index = 0
                    while index < length {
                        let id = Int(segment[index])
                        guard id & ~0x13 == 0 else { break }  // LibRaw's `c & -20` stop
                        index += 1
                        guard let table = HuffmanTable(segment, at: &index) else { return nil }
                        defined[id] = table
                    }
                case 0xFFDA:
                    guard length >= 1 else { return nil }
                    let count = Int(segment[0])
                    guard 3 + count * 2 < length else { return nil }
                    predictor = Int(segment[1 + count * 2])
                    pointTransform = Int(segment[3 + count * 2]) & 15
                    scanStart = position
                default:
                    break
                }
                if tag == 0xFFDA { break }
            }
            bits -= pointTransform
            guard sawFrame, predictor == 1, bits >= 1, bits <= 16, height >= 1, width >= 1,
                  (1...6).contains(components), defined[0] != nil
            else { return nil }
            for index in 1..<20 where defined[index] == nil { defined[index] = defined[index - 1] }
            tables = (0..<components).map { defined[$0]! }
        }
    }

    /// LibRaw's `make_decoder_ref` table: indexed by the next `maxLength` bits, each entry the
    /// code's length << 8 | its symbol; 0 where no code starts with those bits.
    struct HuffmanTable {
        let maxLength: Int
        let entries: [UInt16]

        init?(_ segment: UnsafeRawBufferPointer, at index: inout Int) {
            guard index + 16 <= segment.count else { return nil }
            let counts = (1...16).map { Int(segment[index + $0 - 1]) }
            index += 16
            var maxLength = 16
            while maxLength > 0 && counts[maxLength - 1] == 0 { maxLength -= 1 }
            guard maxLength > 0 else { return nil }
            var entries = [UInt16](repeating: 0, count: 1 << maxLength)
            var next = 0
            for length in 1...maxLength {
                for _ in 0..<counts[length - 1] {
                    guard index < segment.count else { return nil }
                    let entry = UInt16(length << 8) | UInt16(segment[index])
                    index += 1
                    for _ in 0..<(1 << (maxLength - length)) where next < entries.count {
                        entries[next] = entry
                        next += 1
                    }
                }
            }
            self.maxLength = maxLength
            self.entries = entries
            shortcuts = (0..<(1 << Self.shortcutBits)).map { prefix in
                Self.shortcut(prefix, maxLength: maxLength, entries: entries)
            }
        }

        /// Prefix bits the shortcut table is indexed by: 16 KiB a table, within the L1 cache.
        static let shortcutBits = 12
        /// For every 12-bit prefix whose code and difference bits both fit in it: the
        /// difference << 8 | the bits they take. 0 where the prefix does not hold both.
        let shortcuts: [Int32]

        private static func shortcut(_ prefix: Int, maxLength: Int, entries: [UInt16]) -> Int32 {
            let index = maxLength <= shortcutBits ? prefix >> (shortcutBits - maxLength) : prefix << (maxLength - shortcutBits)
            let codeLength = Int(entries[index] >> 8), length = Int(entries[index] & 0xFF)
            guard codeLength > 0, codeLength <= shortcutBits else { return 0 }
            if length == 16 { return Int32(-32768 << 8 | codeLength) }
            guard length < 16, codeLength + length <= shortcutBits else { return 0 }
            let bits = (prefix >> (shortcutBits - codeLength - length)) & ((1 << length) - 1)
            let difference = length == 0 ? 0 : (bits & (1 << (length - 1)) == 0 ? bits - (1 << length) + 1 : bits)
            return Int32(difference << 8 | (codeLength + length))
        }
    }

    /// The entropy-coded bits, with JPEG's byte stuffing (0xFF 0x00 is 0xFF). At a marker it
    /// stops reading and supplies zeros, as LibRaw does; using any of those zeros is an overrun.
    private struct BitReader {
        let bytes: UnsafePointer<UInt8>
        let end: Int
        var position: Int
        var buffer: UInt64 = 0
        /// Valid bits at the top of `buffer`, zeros supplied after a marker included.
        var count = 0
        var supplied = 0
        var stopped = false
        var overran: Bool { count < supplied }

        init(_ file: UnsafeRawBufferPointer, start: Int) {
            bytes = file.baseAddress!.assumingMemoryBound(to: UInt8.self)
            end = file.count
            position = start
        }

        /// Tops the buffer up to at least 32 bits, a whole sample's worth (a code of at most 16
        /// bits and at most 16 bits of difference).
        @inline(__always) mutating func ensureSample() {
            if count >= 32 { return }
            // Most of the time: the next eight bytes hold no 0xFF, so no stuffing and no marker.
            if !stopped && position + 8 <= end {
                let next = UInt64(bigEndian: UnsafeRawPointer(bytes + position).loadUnaligned(as: UInt64.self))
                let inverted = ~next  // a 0xFF byte becomes a zero byte
                if (inverted &- 0x0101_0101_0101_0101) & ~inverted & 0x8080_8080_8080_8080 == 0 {
                    let taken = (64 - count) / 8  // 4…8 bytes
                    buffer |= (next &>> UInt64(64 - 8 * taken)) &<< UInt64(64 - count - 8 * taken)
                    count += 8 * taken
                    position += taken
                    return
                }
            }
            refillByBytes()
        }

        /// Byte by byte, for stuffed bytes, markers and the end of the data: fills to 57 bits.
        @inline(never) mutating func refillByBytes() {
            while count <= 56 {
                var byte: UInt64 = 0
                if !stopped {
                    if position < end {
                        byte = UInt64(bytes[position])
                        position += 1
                        if byte == 0xFF {
                            if position < end && bytes[position] == 0 {
                                position += 1
                            } else {
                                stopped = true  // a marker (or the end): no more data
                                byte = 0
                            }
                        }
                    } else {
                        stopped = true
                    }
                }
                if stopped { supplied += 8 }
                buffer |= byte &<< UInt64(56 - count)
                count += 8
            }
        }

        /// The next difference: a Huffman-coded length, then that many bits (JPEG's EXTEND).
        /// Sets `failed` for a code that is not in the table (and returns 0).
        @inline(__always) mutating func difference(_ table: Lookup, failed: inout Bool) -> Int {
            ensureSample()
            let shortcut = table.shortcuts[Int(truncatingIfNeeded: buffer &>> UInt64(64 - HuffmanTable.shortcutBits))]
            if shortcut & 0xFF != 0 {
                buffer &<<= UInt64(shortcut & 0xFF)
                count -= Int(shortcut & 0xFF)
                return Int(shortcut >> 8)
            }
            let entry = table.entries[Int(truncatingIfNeeded: buffer &>> table.shift)]
            let codeLength = UInt64(entry &>> 8), length = UInt64(entry & 0xFF)
            if codeLength == 0 || length > 15 {
                if length == 16 && codeLength != 0 {
                    buffer &<<= codeLength
                    count -= Int(codeLength)
                    return -32768
                }
                failed = true
                return 0
            }
            buffer &<<= codeLength
            // Length 0 reads no bits and is a difference of 0; the shifts below give that.
            let bits = Int(truncatingIfNeeded: (buffer &>> 1) &>> (63 &- length))
            buffer &<<= length
            count -= Int(codeLength + length)
            let negative = bits &>> (Int(length) &- 1) == 0
            return length == 0 ? 0 : (negative ? bits &- (1 &<< Int(length)) &+ 1 : bits)
        }
    }

    /// Where each decoded sample goes: LibRaw's walk through Canon's slices (or straight rows),
    /// computed once per run of samples instead of once per sample.
    private struct Placement {
        let destination: Destination
        let samplesPerRow: Int

        init(_ destination: Destination, samplesPerRow: Int) {
            self.destination = destination
            self.samplesPerRow = samplesPerRow
        }

        /// Position of stream sample `index` as (row, column, samples left in that row of its slice).
        private func locate(_ index: Int) -> (row: Int, column: Int, run: Int) {
            let rawWidth = destination.rawWidth, rawHeight = destination.rawHeight
            let slices = destination.slices
            guard slices.count > 0 else { return (index / rawWidth, index % rawWidth, rawWidth - index % rawWidth) }
            var slice = index / (slices.width * rawHeight)
            let last = slice >= slices.count
            if last { slice = slices.count }
            let within = index - slice * slices.width * rawHeight
            let width = last ? slices.lastWidth : slices.width
            let column = within % width
            return (within / width, column + slice * slices.width, width - column)
        }

        func place(_ row: UnsafeBufferPointer<UInt16>, jpegRow: Int) -> Bool {
            var done = 0
            let start = jpegRow * samplesPerRow
            let curve = destination.curve, samples = destination.samples
            while done < samplesPerRow {
                let (targetRow, column, run) = locate(start + done)
                let count = min(run, samplesPerRow - done)
                guard count > 0, column + count <= destination.rawWidth else { return false }
                if targetRow >= destination.rawHeight {
                    // LibRaw drops samples past the last row, and throws when they run further.
                    guard targetRow == destination.rawHeight else { return false }
                } else {
                    let target = samples + targetRow * destination.rawWidth + column
                    for k in 0..<count { target[k] = curve[Int(row[done + k])] }
                }
                done += count
            }
            return true
        }
    }
}
