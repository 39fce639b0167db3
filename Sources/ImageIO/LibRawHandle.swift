import CLibRaw
import CLibRawUnpackHook
import Foundation

/// Owns one LibRaw handle (`libraw_r`, so several can decode at once on different threads).
///
/// The handle is created in `init`, released in `deinit`, and its pointer never leaves this type:
/// callers get Swift values. Each C call goes through `check`, which turns LibRaw's return codes
/// into a `DecodeError` naming the file.
final class LibRawHandle {
    let raw: UnsafeMutablePointer<libraw_data_t>
    let path: String
    /// The file's bytes when it was opened from memory (`open(readingWholeFile:)`); LibRaw reads
    /// from them until the handle closes.
    private var contents: UnsafeMutableRawBufferPointer?
    /// Set by LibRaw's data-error callback: the last problem it reported while reading.
    fileprivate(set) var dataError: String?
    /// When the progress callback cancels the decode (see `DecodeLimits.seconds`).
    fileprivate let deadline: Date
    fileprivate let limits: DecodeLimits
    /// Set when the progress callback cancelled the decode because the deadline passed.
    fileprivate(set) var timedOut = false
    /// Whether `unpack` left the sensor data to `LosslessJPEG` (and it decoded all of it).
    private(set) var decodedByLosslessJPEG = false

    init(path: String, limits: DecodeLimits = .standard) throws {
        self.path = path
        self.limits = limits
        deadline = Date(timeIntervalSinceNow: limits.seconds)
        guard let raw = autotone_libraw_init(0) else {
            throw DecodeError.outOfMemory(path: path, detail: "LibRaw could not allocate a decoder")
        }
        self.raw = raw
        // LibRaw prints data errors to stderr by default; record them instead so the error we
        // throw says what happened, and batch output stays clean.
        libraw_set_dataerror_handler(raw, { context, _, offset in
            guard let context else { return }
            let handle = Unmanaged<LibRawHandle>.fromOpaque(context).takeUnretainedValue()
            handle.dataError = offset < 0 ? "unexpected end of file" : "bad data at offset \(offset)"
        }, Unmanaged.passUnretained(self).toOpaque())
        // LibRaw has no C call to cancel a decode from outside; its progress callback, called
        // between stages, may return non-zero to stop it. That is where the time limit lives.
        libraw_set_progress_handler(raw, { context, _, _, _ in
            guard let context else { return 0 }
            let handle = Unmanaged<LibRawHandle>.fromOpaque(context).takeUnretainedValue()
            guard Date() >= handle.deadline else { return 0 }
            handle.timedOut = true
            return 1
        }, Unmanaged.passUnretained(self).toOpaque())
        // A damaged header can declare any size; LibRaw's default allows 2 GB of raw data
        // before it refuses. Ask for no more than a real sensor needs.
        raw.pointee.params.max_raw_memory_mb = UInt32(clamping: limits.rawMemoryMB)
    }

    deinit {
        libraw_close(raw)
        contents?.deallocate()
    }

    /// Configures the processing the design asks for: camera white balance, sRGB primaries,
    /// 16-bit linear output (gamma 1/1), no auto-brightening, highlights clipped.
    func configureLinearOutput(halfSize: Bool) {
        raw.pointee.params.use_camera_wb = 1
        raw.pointee.params.use_auto_wb = 0
        raw.pointee.params.output_color = 1  // sRGB / Rec.709 primaries
        raw.pointee.params.output_bps = 16
        raw.pointee.params.gamm.0 = 1
        raw.pointee.params.gamm.1 = 1
        raw.pointee.params.no_auto_bright = 1
        raw.pointee.params.highlight = 0  // clip
        raw.pointee.params.half_size = halfSize ? 1 : 0
        raw.pointee.params.user_flip = -1  // the file's own orientation
    }

    func open() throws {
        try check(libraw_open_file(raw, path), during: "open")
    }

    /// Opens the file after reading all of it into memory, when it is at most `maxBytes` long
    /// (else as `open()`). LibRaw's entropy decoding reads byte by byte, and from memory that
    /// is about a fifth faster than through its file stream.
    func open(readingWholeFile maxBytes: Int) throws {
        let size = try RegularFile.validate(path: path)
        guard size <= maxBytes else { return try open() }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        do {
            try RegularFile.readAll(path: path, into: buffer)
        } catch {
            buffer.deallocate()
            throw error
        }
        contents = buffer
        try check(libraw_open_buffer(raw, buffer.baseAddress, size), during: "open")
    }

    /// Unpacks the sensor data. A file opened from memory whose data is lossless JPEG (CR2)
    /// is decoded by `LosslessJPEG`, to the same samples, unless `usingLibRawOnly`.
    func unpack(usingLibRawOnly: Bool = false) throws {
        guard contents != nil, !usingLibRawOnly else { return try check(libraw_unpack(raw), during: "unpack") }
        let code = autotone_libraw_unpack(raw, { context, job in
            guard let context, let job = job?.pointee, let samples = job.raw_image else { return 1 }
            let handle = Unmanaged<LibRawHandle>.fromOpaque(context).takeUnretainedValue()
            guard let contents = handle.contents, let curve = job.curve,
                  job.load_flags & 1 == 0, job.raw_width != 3984  // two layouts LibRaw special-cases
            else { return 1 }
            let destination = LosslessJPEG.Destination(
                samples: samples, rawWidth: Int(job.raw_width), rawHeight: Int(job.raw_height),
                slices: (Int(job.cr2_slice.0), Int(job.cr2_slice.1), Int(job.cr2_slice.2)),
                curve: curve, dngVersion: job.dng_version)
            handle.decodedByLosslessJPEG = LosslessJPEG.decode(
                UnsafeRawBufferPointer(contents), offset: Int(job.data_offset), into: destination)
            return handle.decodedByLosslessJPEG ? 0 : 1
        }, Unmanaged.passUnretained(self).toOpaque())
        try check(code, during: "unpack")
    }

    func process() throws {
        try check(libraw_dcraw_process(raw), during: "demosaic")
    }

    /// Size of the image `process()` will produce, before orientation.
    var processedSize: (width: Int, height: Int) {
        (Int(libraw_get_iwidth(raw)), Int(libraw_get_iheight(raw)))
    }

    /// The processed image as linear Float32 RGB, 16-bit full scale mapped to 1.0, orientation
    /// applied.
    func makeLinearImage() throws -> LinearImage {
        var code: Int32 = 0
        guard let image = libraw_dcraw_make_mem_image(raw, &code) else {
            try check(code == 0 ? LIBRAW_UNSUFFICIENT_MEMORY.rawValue : code, during: "output")
            throw DecodeError.outOfMemory(path: path, detail: "LibRaw returned no image")
        }
        defer { libraw_dcraw_clear_mem(image) }
        let width = Int(image.pointee.width), height = Int(image.pointee.height)
        guard image.pointee.colors == 3, image.pointee.bits == 16, width > 0, height > 0 else {
            throw DecodeError.decoderFailure(
                path: path, code: 0,
                detail: "unexpected output: \(image.pointee.colors) colours, \(image.pointee.bits) bits")
        }
        let count = width * height * 3
        let pixels = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            // `data` is a flexible array member; LibRaw's 16-bit samples are in host byte order.
            withUnsafeMutablePointer(to: &image.pointee.data) { first in
                first.withMemoryRebound(to: UInt16.self, capacity: count) { samples in
                    let scale: Float = 1 / 65535
                    for index in 0..<count {
                        buffer[index] = Float(samples[index]) * scale
                    }
                }
            }
            initialized = count
        }
        return LinearImage(width: width, height: height, pixels: pixels)
    }

    var metadata: PhotoMetadata {
        let idata = raw.pointee.idata
        let other = raw.pointee.other
        var metadata = PhotoMetadata(
            make: Self.string(idata.normalized_make), model: Self.string(idata.normalized_model),
            sensorWidth: Int(raw.pointee.sizes.raw_width),
            sensorHeight: Int(raw.pointee.sizes.raw_height))
        if metadata.make.isEmpty { metadata.make = Self.string(idata.make) }
        if metadata.model.isEmpty { metadata.model = Self.string(idata.model) }
        metadata.iso = other.iso_speed > 0 ? Double(other.iso_speed) : nil
        metadata.shutterSeconds = other.shutter > 0 ? Double(other.shutter) : nil
        metadata.aperture = other.aperture > 0 ? Double(other.aperture) : nil
        metadata.captureTime = other.timestamp > 0
            ? Date(timeIntervalSince1970: TimeInterval(other.timestamp)) : nil
        if let xmp = idata.xmpdata, idata.xmplen > 0 {
            // LibRaw reads TIFF tag 700 (XMLPacket) into a buffer one byte longer than the tag
            // and sets that byte to NUL (`xmplen = len + 1`); the packet is the bytes before it.
            var count = Int(idata.xmplen)
            if xmp[count - 1] == 0 { count -= 1 }
            if count > 0 { metadata.embeddedXMP = Data(bytes: xmp, count: count) }
        }
        return metadata
    }

    static func string<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { bytes in
            let chars = bytes.prefix { $0 != 0 }
            return String(decoding: chars, as: UTF8.self)
        }
    }

    /// Turns a LibRaw return code into the typed error for this file.
    private func check(_ code: Int32, during step: String) throws {
        guard code != LIBRAW_SUCCESS.rawValue else { return }
        let message = String(cString: libraw_strerror(code))
        switch code {
        case LIBRAW_FILE_UNSUPPORTED.rawValue:
            throw DecodeError.unsupportedFormat(path: path, hint: FileSniffer.describe(path: path))
        case LIBRAW_CANCELLED_BY_CALLBACK.rawValue where timedOut:
            throw DecodeError.timedOut(path: path, seconds: limits.seconds, step: step)
        case LIBRAW_UNSUFFICIENT_MEMORY.rawValue, LIBRAW_TOO_BIG.rawValue,
             LIBRAW_MEMPOOL_OVERFLOW.rawValue:
            throw DecodeError.outOfMemory(path: path, detail: "\(message) during \(step)")
        case LIBRAW_DATA_ERROR.rawValue:
            throw DecodeError.corruptData(path: path, detail: dataError ?? "\(message) during \(step)")
        case LIBRAW_IO_ERROR.rawValue:
            // LibRaw reports a file cut short as an I/O error; its data callback tells them apart
            // while unpacking. While opening, only reading the file ourselves does: if every byte
            // reads, the header points past the file's end.
            if let dataError {
                throw DecodeError.corruptData(path: path, detail: "\(dataError) during \(step)")
            }
            if let failure = RegularFile.readFailure(path: path) {
                throw DecodeError.ioError(path: path, detail: "\(failure) during \(step)")
            }
            throw DecodeError.corruptData(path: path, detail: "the file ends before the data its header points to (\(step))")
        case let errno where errno > 0:
            throw DecodeError.ioError(path: path, detail: String(cString: strerror(errno)))
        default:
            throw DecodeError.decoderFailure(path: path, code: code, detail: "\(message) during \(step)")
        }
    }
}
