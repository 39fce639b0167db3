import Foundation

/// Decodes camera RAW files with LibRaw into linear images.
///
/// The recipe is fixed by the design: camera white balance, sRGB primaries, 16-bit linear
/// output with gamma 1/1, no auto-brightening (so an underexposed RAW stays dark), highlights
/// clipped, the file's orientation applied, half-size demosaic unless asked otherwise.
public enum RawDecoder {
    /// Decodes the RAW at `url` within `limits`. Throws `DecodeError` naming the file on any failure.
    public static func decode(_ url: URL, options: DecodeOptions = .preview,
                              limits: DecodeLimits = .standard) throws -> DecodedPhoto {
        let path = url.path
        try RegularFile.validate(path: path)
        var clock = Stopwatch()
        var timings = DecodeTimings()
        let handle = try LibRawHandle(path: path, limits: limits)
        handle.configureLinearOutput(halfSize: options.halfSize)
        try handle.open(readingWholeFile: limits.rawMemoryMB << 20)
        let metadata = handle.metadata
        try checkSize(metadata, options: options, path: path)
        timings.open = clock.lap()
        try handle.unpack()
        timings.unpack = clock.lap()
        try handle.process()
        let image = try handle.makeLinearImage()
        timings.demosaic = clock.lap()
        return DecodedPhoto(image: image, metadata: metadata, timings: timings)
    }

    /// Decodes the RAW at `url` straight to `width`×`height`: the same pixels, to Float
    /// rounding, as `decode` at half size followed by `AreaResize` (held by RawDecoderTests),
    /// for a fraction of the work (`BayerBinning`). Files whose sensor a `BayerFrame` does not
    /// describe take that full path. What `predict` and training use; previews and inspection
    /// decode the whole frame.
    public static func decodeSmall(_ url: URL, width: Int, height: Int, maxPixels: Int = DecodeOptions.preview.maxPixels,
                                   limits: DecodeLimits = .standard) throws -> DecodedPhoto {
        let path = url.path
        var clock = Stopwatch()
        var timings = DecodeTimings()
        let handle = try LibRawHandle(path: path, limits: limits)
        handle.configureLinearOutput(halfSize: true)
        try handle.open(readingWholeFile: limits.rawMemoryMB << 20)
        let metadata = handle.metadata
        try checkSize(metadata, options: DecodeOptions(halfSize: true, maxPixels: maxPixels), path: path)
        timings.open = clock.lap()
        try handle.unpack()
        timings.unpack = clock.lap()
        let image: LinearImage
        if let frame = handle.bayerFrame() {
            image = BayerBinning.bin(frame, width: width, height: height)
        } else {
            try handle.process()
            image = AreaResize.resize(try handle.makeLinearImage(), width: width, height: height)
        }
        timings.demosaic = clock.lap()
        return DecodedPhoto(image: image, metadata: metadata, timings: timings)
    }

    /// Reads only the metadata (camera, exposure, capture time, embedded XMP): no pixels.
    public static func readMetadata(_ url: URL) throws -> PhotoMetadata {
        let path = url.path
        try RegularFile.validate(path: path)
        let handle = try LibRawHandle(path: path)
        try handle.open()
        return handle.metadata
    }

    private static func checkSize(_ metadata: PhotoMetadata, options: DecodeOptions, path: String) throws {
        let pixels = metadata.sensorWidth * metadata.sensorHeight
        guard pixels > 0 else {
            throw DecodeError.corruptData(path: path, detail: "the file declares no image area")
        }
        guard pixels <= options.maxPixels else {
            throw DecodeError.outOfMemory(
                path: path,
                detail: "declares \(metadata.sensorWidth)×\(metadata.sensorHeight) pixels, above the limit of \(options.maxPixels)")
        }
    }
}
