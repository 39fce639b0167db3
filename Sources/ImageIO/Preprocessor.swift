/// Turns linear images into network input following a model's `PreprocessRecipe`.
///
/// Split in two so training can cache the expensive part and augment in linear light:
/// `shrink` (decode-size linear image → inputSize² linear image, cacheable) and `encode`
/// (tone curve and normalisation, cheap, after any augmentation).
public struct Preprocessor: Sendable {
    public let recipe: PreprocessRecipe

    public init(recipe: PreprocessRecipe) {
        self.recipe = recipe
    }

    /// Step 2 of the recipe: the whole frame, area-averaged and squashed to inputSize².
    public func shrink(_ image: LinearImage) -> LinearImage {
        AreaResize.resize(image, width: recipe.inputSize, height: recipe.inputSize)
    }

    /// Steps 3–5 of the recipe on an already shrunk linear image.
    public func encode(_ small: LinearImage) -> ImageTensor {
        let plane = small.width * small.height
        var values = [Float](repeating: 0, count: 3 * plane)
        let curve = recipe.toneCurve
        small.pixels.withUnsafeBufferPointer { source in
            values.withUnsafeMutableBufferPointer { target in
                for channel in 0..<3 {
                    let mean = recipe.mean[channel], inverseStd = 1 / recipe.std[channel]
                    for pixel in 0..<plane {
                        let encoded = curve.encode(source[pixel * 3 + channel])
                        target[channel * plane + pixel] = (encoded - mean) * inverseStd
                    }
                }
            }
        }
        return ImageTensor(channels: 3, height: small.height, width: small.width, values: values)
    }

    /// The whole recipe after decoding.
    public func tensor(from image: LinearImage) -> ImageTensor {
        encode(shrink(image))
    }

    /// The tone-encoded image (0…1, interleaved) before normalisation: what a person should see
    /// to judge what the network sees.
    public func displayImage(_ small: LinearImage) -> DisplayImage {
        DisplayImage(width: small.width, height: small.height,
                     pixels: small.pixels.map { recipe.toneCurve.encode($0) })
    }
}
