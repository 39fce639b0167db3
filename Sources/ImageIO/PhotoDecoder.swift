import Foundation

/// The front door for decoding: JPEGs (by extension) go to libjpeg, everything else to LibRaw.
public enum PhotoDecoder {
    public static let jpegExtensions: Set<String> = ["jpg", "jpeg", "jpe"]

    public static func isJPEG(_ url: URL) -> Bool {
        jpegExtensions.contains(url.pathExtension.lowercased())
    }

    public static func decode(_ url: URL, options: DecodeOptions = .preview,
                              limits: DecodeLimits = .standard) throws -> DecodedPhoto {
        if isJPEG(url) {
            return try JPEGCodec.decode(url, maxPixels: options.maxPixels)
        }
        return try RawDecoder.decode(url, options: options, limits: limits)
    }
}
