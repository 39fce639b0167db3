import Develop
import ImageIO

/// Error measured on pictures instead of numbers: each photo is rendered by the Develop
/// renderer with the predicted settings and with the true ones, and the two renderings are
/// compared as a person would see them, by mean ΔE76 (CIELAB) over the pixels.
///
/// MSE on scaled settings treats every slider alike; on the picture, 20 points of Shadows on a
/// bright beach barely show while 0.3 EV of exposure always does. This figure says how far off
/// the *result* is. It uses the renderer's approximation of Lightroom, not Lightroom.
///
/// A setting absent from a photo's truth (Vibrance on a black-and-white edit) stays 0 on both
/// sides, so it adds nothing, as in the MSE; so does a renderer slider the label space lacks.
public struct ImageSpaceDistance: Sendable {
    public let space: LabelSpace
    /// The photos as rendered: linear images at most `maxSide` on their longer side.
    let images: [LinearImage]
    let truths: [ScaledLabel]
    /// The truth's rendering of each photo, converted once.
    let truthRenderings: [CIELabImage]
    let renderer = DevelopRenderer()

    /// Renders every photo with its truth. O(photos × pixels); at `maxSide` 256 a rendering
    /// takes a few milliseconds.
    public init(images: [LinearImage], truths: [ScaledLabel], space: LabelSpace, maxSide: Int = 256) {
        precondition(images.count == truths.count, "one truth per image")
        self.space = space
        self.images = images.map { $0.areaDownsampled(maxSide: maxSide) }
        self.truths = truths
        let renderer = self.renderer
        truthRenderings = zip(self.images, truths).map { image, truth in
            CIELabImage(renderer.render(image, Self.adjustments(truth.values, truth: truth, space: space)))
        }
    }

    /// Mean ΔE76 per photo between the rendering with `predictions` (scaled, in the space's
    /// order) and the truth's. O(photos × pixels).
    public func perPhoto(_ predictions: [[Float]]) -> [Double] {
        precondition(predictions.count == images.count, "one prediction per photo")
        return images.indices.map { index in
            let settings = Self.adjustments(predictions[index], truth: truths[index], space: space)
            return CIELabImage(renderer.render(images[index], settings)).meanDeltaE76(to: truthRenderings[index])
        }
    }

    /// The mean over photos of `perPhoto`; nil without photos.
    public func mean(_ predictions: [[Float]]) -> Double? {
        images.isEmpty ? nil : perPhoto(predictions).reduce(0, +) / Double(images.count)
    }

    /// Slider values for the renderer: `scaled` back in slider units and clamped to each
    /// setting's range, for the settings `truth` has (the others stay 0, see above).
    static func adjustments(_ scaled: [Float], truth: ScaledLabel, space: LabelSpace) -> DevelopAdjustments {
        var values: [String: Double] = [:]
        for (index, setting) in space.settings.enumerated() where truth.isPresent[index] {
            let value = setting.slider(scaled[index])
            values[setting.name] = Double(min(max(value, setting.range.lowerBound), setting.range.upperBound))
        }
        return DevelopAdjustments(xmpValues: values)
    }
}
