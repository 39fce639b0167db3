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

    /// Steps 1–2 of `recipe` (decode, shrink to inputSize²) in one: RAWs at half size go
    /// straight from the mosaic to the small image (`RawDecoder.decodeSmall`); the rest decode
    /// whole and shrink. The result's image is what `Preprocessor.encode` takes.
    public static func decodeShrunk(_ url: URL, recipe: PreprocessRecipe,
                                    limits: DecodeLimits = .standard) throws -> DecodedPhoto {
        if !isJPEG(url) && recipe.decode.halfSize {
            return try RawDecoder.decodeSmall(url, width: recipe.inputSize, height: recipe.inputSize,
                                              maxPixels: recipe.decode.maxPixels, limits: limits)
        }
        var photo = try decode(url, options: recipe.decode, limits: limits)
        photo.image = Preprocessor(recipe: recipe).shrink(photo.image)
        return photo
    }
}
