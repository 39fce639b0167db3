import ImageIO
import Foundation

/// What a DNG says about its capture besides the pixels.
public struct DNGMetadata: Sendable, Equatable {
    public var make = "AutoTone"
    public var model = "Synthetic"
    public var uniqueCameraModel = "AutoTone Synthetic"
    public var software = "AutoTone"
    /// EXIF DateTimeOriginal, "YYYY:MM:DD HH:MM:SS" (see ``DNGMetadata/exifTimestamp(_:)``).
    public var captureTime: String?
    /// EXIF SubSecTimeOriginal: hundredths of a second within `captureTime` (0…99), so that
    /// burst frames taken within one second keep their order.
    public var captureHundredths: Int?
    /// EXIF/TIFF orientation, 1…8 (1 = as stored).
    public var orientation: UInt16 = 1
    public var iso: Int?
    /// Seconds.
    public var exposureTime: Double?
    public var fNumber: Double?
    /// An XMP packet to embed (TIFF tag 700, XMLPacket, in IFD 0): where Lightroom keeps a
    /// DNG's develop settings. Nil writes none.
    public var xmpPacket: Data?

    public init() {}

    /// Sets ``captureTime`` and ``captureHundredths`` from a date (UTC).
    public mutating func setCaptureDate(_ date: Date) {
        let whole = date.timeIntervalSince1970.rounded(.down)
        captureTime = Self.exifTimestamp(Date(timeIntervalSince1970: whole))
        captureHundredths = min(Int(((date.timeIntervalSince1970 - whole) * 100).rounded(.down)), 99)
    }

    /// A date as an EXIF timestamp in UTC (whole seconds, rounded down).
    public static func exifTimestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return String(format: "%04d", parts.year ?? 0) + ":" + two(parts.month) + ":" + two(parts.day) + " "
            + two(parts.hour) + ":" + two(parts.minute) + ":" + two(parts.second)
    }
}

/// Why a DNG could not be written.
public enum DNGWriteError: Error, Equatable, CustomStringConvertible {
    case invalid(reason: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalid(reason): "cannot make a DNG: \(reason)"
        case let .cannotWrite(path, reason): "cannot write \(path): \(reason)"
        }
    }
}

/// Writes a minimal, valid DNG 1.4 file holding an uncompressed 16-bit Bayer mosaic.
///
/// Layout (little-endian TIFF/EP): header, IFD 0 holding the raw image itself
/// (NewSubFileType 0, PhotometricInterpretation CFA, one strip), its out-of-line values, an EXIF
/// IFD (DateTimeOriginal and SubSecTimeOriginal, ISO, exposure), then the pixel strip. DNG tags: DNGVersion,
/// UniqueCameraModel, CFA pattern and layout, BlackLevel, WhiteLevel, ColorMatrix1 with
/// CalibrationIlluminant1 = D65, AsShotNeutral; XMLPacket (tag 700) when an XMP packet is given.
/// No thumbnail or preview is written.
public enum DNGWriter {
    /// The DNG's bytes.
    /// - Parameters:
    ///   - colorMatrix: row-major 3×3, XYZ (D65) → camera native (DNG ColorMatrix1).
    ///   - asShotNeutral: the camera's response to the scene's white, per channel (max ≈ 1).
    public static func data(mosaic: BayerMosaic, colorMatrix: [Double], asShotNeutral: [Double],
                            metadata: DNGMetadata) throws(DNGWriteError) -> Data {
        guard colorMatrix.count == 9, colorMatrix.allSatisfy(\.isFinite) else {
            throw .invalid(reason: "ColorMatrix1 needs 9 finite values")
        }
        guard asShotNeutral.count == 3, asShotNeutral.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw .invalid(reason: "AsShotNeutral needs 3 positive values")
        }
        guard (1...8).contains(metadata.orientation) else {
            throw .invalid(reason: "orientation \(metadata.orientation) is not 1…8")
        }
        if let packet = metadata.xmpPacket, packet.isEmpty {
            throw .invalid(reason: "the XMP packet to embed is empty")
        }
        let stripBytes = mosaic.width * mosaic.height * 2
        var main = TIFFDirectory()
        main.add(254, .long([0]))  // NewSubFileType: full-resolution image
        main.add(256, .long([UInt32(mosaic.width)]))
        main.add(257, .long([UInt32(mosaic.height)]))
        main.add(258, .short([16]))  // BitsPerSample
        main.add(259, .short([1]))  // Compression: none
        main.add(262, .short([32803]))  // PhotometricInterpretation: CFA
        main.add(271, .ascii(metadata.make))
        main.add(272, .ascii(metadata.model))
        main.add(273, .long([0]))  // StripOffsets, patched below
        main.add(274, .short([metadata.orientation]))
        main.add(277, .short([1]))  // SamplesPerPixel
        main.add(278, .long([UInt32(mosaic.height)]))  // RowsPerStrip
        main.add(279, .long([UInt32(stripBytes)]))  // StripByteCounts
        main.add(284, .short([1]))  // PlanarConfiguration: chunky
        main.add(305, .ascii(metadata.software))
        if let time = metadata.captureTime { main.add(306, .ascii(time)) }  // DateTime
        if let packet = metadata.xmpPacket { main.add(700, .byte([UInt8](packet))) }  // XMLPacket
        main.add(33421, .short([2, 2]))  // CFARepeatPatternDim
        main.add(33422, .byte(mosaic.pattern.colours))  // CFAPattern
        main.add(34665, .long([0]))  // ExifIFD pointer, patched below
        main.add(50706, .byte([1, 4, 0, 0]))  // DNGVersion
        main.add(50707, .byte([1, 1, 0, 0]))  // DNGBackwardVersion
        main.add(50708, .ascii(metadata.uniqueCameraModel))
        main.add(50710, .byte([0, 1, 2]))  // CFAPlaneColor
        main.add(50711, .short([1]))  // CFALayout: rectangular
        main.add(50714, .long([UInt32(mosaic.blackLevel)]))  // BlackLevel
        main.add(50717, .long([UInt32(mosaic.whiteLevel)]))  // WhiteLevel
        main.add(50721, .signedRational(colorMatrix))  // ColorMatrix1
        main.add(50728, .rational(asShotNeutral))  // AsShotNeutral
        main.add(50778, .short([21]))  // CalibrationIlluminant1: D65

        var exif = TIFFDirectory()
        if let time = metadata.exposureTime, time > 0 { exif.add(33434, .rational([time])) }
        if let number = metadata.fNumber, number > 0 { exif.add(33437, .rational([number])) }
        if let iso = metadata.iso { exif.add(34855, .short([UInt16(clamping: iso)])) }
        exif.add(36864, .undefined(Array("0230".utf8)))  // ExifVersion
        if let time = metadata.captureTime { exif.add(36867, .ascii(time)) }  // DateTimeOriginal
        if let hundredths = metadata.captureHundredths, (0...99).contains(hundredths) {
            exif.add(37521, .ascii(String(format: "%02d", hundredths)))  // SubSecTimeOriginal
        }

        // Layout: header | IFD0 + its data | EXIF IFD + its data | strip (2-byte aligned).
        let mainOffset = 8
        let exifOffset = mainOffset + main.encodedSize
        var stripOffset = exifOffset + exif.encodedSize
        stripOffset += stripOffset & 1
        main.set(273, .long([UInt32(stripOffset)]))
        main.set(34665, .long([UInt32(exifOffset)]))
        guard stripOffset + stripBytes <= Int(UInt32.max) else { throw .invalid(reason: "image too large for TIFF") }

        var bytes = [UInt8]()
        bytes.reserveCapacity(stripOffset + stripBytes)
        bytes += [0x49, 0x49, 42, 0]  // "II", 42: little-endian TIFF
        bytes.appendLittleEndian(UInt32(mainOffset))
        main.encode(into: &bytes, at: mainOffset, next: 0)
        exif.encode(into: &bytes, at: exifOffset, next: 0)
        while bytes.count < stripOffset { bytes.append(0) }
        for value in mosaic.values { bytes.appendLittleEndian(value) }
        return Data(bytes)
    }

    /// Writes the DNG atomically: a temporary file in the same folder, then a rename.
    public static func write(mosaic: BayerMosaic, colorMatrix: [Double], asShotNeutral: [Double],
                             metadata: DNGMetadata, to url: URL) throws(DNGWriteError) {
        let bytes = try data(mosaic: mosaic, colorMatrix: colorMatrix, asShotNeutral: asShotNeutral, metadata: metadata)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try bytes.write(to: temporary)
        } catch {
            throw .cannotWrite(path: url.path, reason: error.localizedDescription)
        }
        // rename(2) replaces an existing file atomically.
        do throws(Errno) {
            try systemCall { rename(temporary.path, url.path) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .cannotWrite(path: url.path, reason: error.description)
        }
    }
}

/// One TIFF image file directory under construction: entries sorted by tag, values that do
/// not fit in four bytes placed right after the entries.
struct TIFFDirectory {
    enum Value {
        case byte([UInt8]), ascii(String), short([UInt16]), long([UInt32])
        case rational([Double]), signedRational([Double]), undefined([UInt8])

        var type: UInt16 {
            switch self {
            case .byte: 1
            case .ascii: 2
            case .short: 3
            case .long: 4
            case .rational: 5
            case .undefined: 7
            case .signedRational: 10
            }
        }

        var count: Int {
            switch self {
            case let .byte(values), let .undefined(values): values.count
            case let .ascii(text): text.utf8.count + 1
            case let .short(values): values.count
            case let .long(values): values.count
            case let .rational(values), let .signedRational(values): values.count
            }
        }

        var bytes: [UInt8] {
            var out = [UInt8]()
            switch self {
            case let .byte(values), let .undefined(values): out = values
            case let .ascii(text): out = Array(text.utf8) + [0]
            case let .short(values): for value in values { out.appendLittleEndian(value) }
            case let .long(values): for value in values { out.appendLittleEndian(value) }
            case let .rational(values):
                for value in values {
                    out.appendLittleEndian(UInt32(clamping: Int64((max(value, 0) * 1_000_000).rounded())))
                    out.appendLittleEndian(UInt32(1_000_000))
                }
            case let .signedRational(values):
                for value in values {
                    out.appendLittleEndian(UInt32(bitPattern: Int32(clamping: Int64((value * 10_000).rounded()))))
                    out.appendLittleEndian(UInt32(10_000))
                }
            }
            return out
        }
    }

    private(set) var entries: [(tag: UInt16, value: Value)] = []

    mutating func add(_ tag: UInt16, _ value: Value) {
        entries.append((tag, value))
        entries.sort { $0.tag < $1.tag }
    }

    mutating func set(_ tag: UInt16, _ value: Value) {
        if let index = entries.firstIndex(where: { $0.tag == tag }) { entries[index].value = value }
    }

    /// Entries, the next-IFD offset and the out-of-line values, each value word-aligned.
    var encodedSize: Int {
        2 + entries.count * 12 + 4 + entries.reduce(0) { size, entry in
            let length = entry.value.bytes.count
            return size + (length > 4 ? length + (length & 1) : 0)
        }
    }

    func encode(into bytes: inout [UInt8], at offset: Int, next: UInt32) {
        precondition(bytes.count == offset, "directory must be written where it was laid out")
        var dataOffset = offset + 2 + entries.count * 12 + 4
        var outOfLine = [UInt8]()
        bytes.appendLittleEndian(UInt16(entries.count))
        for (tag, value) in entries {
            let payload = value.bytes
            bytes.appendLittleEndian(tag)
            bytes.appendLittleEndian(value.type)
            bytes.appendLittleEndian(UInt32(value.count))
            if payload.count <= 4 {
                bytes += payload + [UInt8](repeating: 0, count: 4 - payload.count)
            } else {
                bytes.appendLittleEndian(UInt32(dataOffset))
                outOfLine += payload
                if payload.count & 1 == 1 { outOfLine.append(0) }
                dataOffset += payload.count + (payload.count & 1)
            }
        }
        bytes.appendLittleEndian(next)
        bytes += outOfLine
    }
}

extension [UInt8] {
    fileprivate mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
