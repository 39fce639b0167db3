import Foundation

/// What `autotone inspect` reports about one photo: what the decoder found and what the network
/// will see.
public struct PhotoInspection: Sendable, Codable {
    public var path: String
    public var metadata: PhotoMetadata
    /// The decoded frame's size (after half-size and orientation).
    public var decodedWidth: Int
    public var decodedHeight: Int
    public var halfSize: Bool
    public var timings: DecodeTimings
    /// Seconds to shrink and tone-encode the decoded frame into the network's input.
    public var preprocessSeconds: Double
    public var inputSize: Int
    public var toneCurve: InputEncoding
    /// Statistics of the tone-encoded network input (0…1, before normalisation).
    public var input: ImageStatistics
    /// Clipping in the full decoded frame, in linear light.
    public var decoded: ClippingShares

    /// The tone-encoded input image, for `--preview`; not part of the JSON.
    public var displayImage: DisplayImage?

    enum CodingKeys: String, CodingKey {
        case path, metadata, decodedWidth, decodedHeight, halfSize, timings, preprocessSeconds,
             inputSize, toneCurve, input, decoded
    }

    /// Decodes and preprocesses `url` following `recipe`.
    public static func inspect(_ url: URL, recipe: PreprocessRecipe) throws -> PhotoInspection {
        let photo = try PhotoDecoder.decode(url, options: recipe.decode)
        let preprocessor = Preprocessor(recipe: recipe)
        var clock = Stopwatch()
        let small = preprocessor.shrink(photo.image)
        let display = preprocessor.displayImage(small)
        let preprocessSeconds = clock.lap()
        return PhotoInspection(
            path: url.path, metadata: photo.metadata,
            decodedWidth: photo.image.width, decodedHeight: photo.image.height,
            halfSize: recipe.decode.halfSize && !PhotoDecoder.isJPEG(url), timings: photo.timings,
            preprocessSeconds: preprocessSeconds, inputSize: recipe.inputSize,
            toneCurve: recipe.toneCurve,
            input: ImageStatistics(encoded: display, linear: small),
            decoded: ClippingShares(linear: photo.image),
            displayImage: display)
    }
}
