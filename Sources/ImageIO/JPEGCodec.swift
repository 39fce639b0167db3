import CJPEGShim
import Foundation

/// Reads and writes JPEGs through libjpeg, by way of the shim that turns libjpeg's fatal errors
/// into return codes (libjpeg would otherwise call `exit()` on a corrupt file).
public enum JPEGCodec {
    /// Decodes a JPEG file into a linear image (the 8-bit sRGB codes decoded to linear light).
    public static func decode(_ url: URL, maxPixels: Int = DecodeOptions().maxPixels) throws -> DecodedPhoto {
        let path = url.path
        try RegularFile.validate(path: path)
        var clock = Stopwatch()
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DecodeError.ioError(path: path, detail: error.localizedDescription)
        }
        let open = clock.lap()
        let rgb = try decodeRGB8(data, path: path, maxPixels: maxPixels)
        let unpack = clock.lap()
        let table = SRGBTransfer.decodeTable
        let pixels = rgb.bytes.map { table[Int($0)] }
        let image = LinearImage(width: rgb.width, height: rgb.height, pixels: pixels)
        let metadata = PhotoMetadata(sensorWidth: rgb.width, sensorHeight: rgb.height)
        return DecodedPhoto(image: image, metadata: metadata,
                            timings: DecodeTimings(open: open, unpack: unpack, demosaic: clock.lap()))
    }

    /// Decodes JPEG bytes to 8-bit interleaved RGB.
    public static func decodeRGB8(_ data: Data, path: String, maxPixels: Int = DecodeOptions().maxPixels)
        throws -> (width: Int, height: Int, bytes: [UInt8])
    {
        var pixels: UnsafeMutablePointer<UInt8>?
        var width: Int32 = 0, height: Int32 = 0
        var message = [CChar](repeating: 0, count: 256)
        let code = data.withUnsafeBytes { raw -> Int32 in
            let base = raw.bindMemory(to: UInt8.self).baseAddress
            return at_jpeg_decode_rgb(base, raw.count, maxPixels, &pixels, &width, &height,
                                      &message, message.count)
        }
        defer { at_jpeg_free(pixels) }
        let detail = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        switch code {
        case 0:
            break
        case 2:
            throw DecodeError.outOfMemory(path: path, detail: detail)
        case 3:
            throw DecodeError.outOfMemory(path: path, detail: "cannot allocate the decoded image")
        default:
            if FileSniffer.describe(head: [UInt8](data.prefix(16))) != "the file is a JPEG" {
                throw DecodeError.unsupportedFormat(
                    path: path, hint: FileSniffer.describe(head: [UInt8](data.prefix(16))) ?? "not a JPEG: \(detail)")
            }
            throw DecodeError.corruptData(path: path, detail: detail)
        }
        guard let pixels else { throw DecodeError.corruptData(path: path, detail: detail) }
        let count = Int(width) * Int(height) * 3
        return (Int(width), Int(height), Array(UnsafeBufferPointer(start: pixels, count: count)))
    }

    /// Encodes 8-bit interleaved RGB as a JPEG file, replacing `url` atomically. The file carries
    /// `JPEGComment.autoTone`, so AutoTone knows it as its own.
    public static func write(rgb bytes: [UInt8], width: Int, height: Int, to url: URL, quality: Int = 90) throws {
        precondition(bytes.count == width * height * 3, "RGB buffer does not match its size")
        var jpeg: UnsafeMutablePointer<UInt8>?
        var size = 0
        var message = [CChar](repeating: 0, count: 256)
        let code = bytes.withUnsafeBufferPointer { buffer in
            at_jpeg_encode_rgb(buffer.baseAddress, Int32(width), Int32(height), Int32(quality),
                               &jpeg, &size, &message, message.count)
        }
        defer { at_jpeg_free(jpeg) }
        guard code == 0, let jpeg else {
            let detail = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw EncodeError.encoderFailure(path: url.path, detail: detail)
        }
        let data = JPEGComment.inserting(JPEGComment.autoTone, into: Data(bytes: jpeg, count: size))
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw EncodeError.cannotWrite(path: url.path, detail: FileSystemError(path: url.path, error: error).cause)
        }
    }

    /// Encodes a display-referred image as a JPEG file.
    public static func write(_ image: DisplayImage, to url: URL, quality: Int = 90) throws {
        try write(rgb: image.rgb8(), width: image.width, height: image.height, to: url, quality: quality)
    }
}

/// Why an image could not be written.
public enum EncodeError: Error, Equatable, Sendable, CustomStringConvertible {
    case encoderFailure(path: String, detail: String)
    case cannotWrite(path: String, detail: String)

    public var description: String {
        switch self {
        case .encoderFailure(let path, let detail): return "\(path): cannot encode the image: \(detail)"
        case .cannotWrite(let path, let detail): return "\(path): cannot write the file: \(detail)"
        }
    }
}
