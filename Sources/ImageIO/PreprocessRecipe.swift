/// Everything that decides how a photo becomes the network's input tensor. A model stores its
/// recipe with its weights, and preprocessing takes the recipe from the model: normalisation
/// constants belong to the model, not to this code.
///
/// The recipe, in order:
/// 1. decode the RAW linear (`decode`: half size by default; see `RawDecoder`);
/// 2. area-average the whole frame down to `inputSize`×`inputSize`, squashing the aspect ratio
///    (nothing is cropped);
/// 3. encode each linear value with the fixed `toneCurve` (sRGB, clipped to 0…1);
/// 4. normalise each channel c as (v − mean[c]) / std[c];
/// 5. lay out planar, channel-major: 3×inputSize×inputSize Float32.
///
/// For a RAW at half size, steps 1–2 run as one (`PhotoDecoder.decodeShrunk`: LibRaw's half-size
/// arithmetic binned straight into the inputSize² sums, `BayerBinning`), with the same result.
public struct PreprocessRecipe: Codable, Sendable, Hashable {
    public var decode: DecodeOptions
    public var inputSize: Int
    public var toneCurve: InputEncoding
    public var mean: [Float]
    public var std: [Float]

    public init(decode: DecodeOptions = .preview, inputSize: Int = 224, toneCurve: InputEncoding = .srgb,
                mean: [Float], std: [Float]) {
        precondition(mean.count == 3 && std.count == 3, "normalisation needs three channels")
        self.decode = decode
        self.inputSize = inputSize
        self.toneCurve = toneCurve
        self.mean = mean
        self.std = std
    }

    /// What identifies the cached stage (steps 1–2): a cache entry made with another decode or
    /// size must not be reused.
    public var cacheIdentity: String {
        "decode(halfSize:\(decode.halfSize))-area-squash-\(inputSize)"
    }
}

extension PreprocessRecipe {
    /// The recipe new models start from: normalisation to −1…1 (mean 0.5, std 0.5 per channel),
    /// the constants Hugging Face's google/vit-*-patch16-224 checkpoints were trained with.
    /// A trained model carries its own recipe; this is only the starting point.
    public static let vitDefault = PreprocessRecipe(mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5])
}
