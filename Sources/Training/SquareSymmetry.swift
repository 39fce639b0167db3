import SeededRandom
import ImageIO

/// One of the eight symmetries of the square (the dihedral group D4): an optional left–right
/// mirror followed by 0–3 clockwise quarter turns, as seen on screen (rows go down).
///
/// Applied to an image they are exact permutations of its pixels; a quarter turn of a
/// non-square image swaps its width and height. Composition and inverses follow the group law,
/// so `a.composed(after: b)` applied once equals `b` then `a`.
public struct SquareSymmetry: Hashable, Sendable, CustomStringConvertible {
    /// Whether the image is mirrored left–right before turning.
    public let isMirrored: Bool
    /// Clockwise quarter turns after the mirror, 0..<4.
    public let quarterTurns: Int

    public init(isMirrored: Bool = false, quarterTurns: Int = 0) {
        self.isMirrored = isMirrored
        self.quarterTurns = ((quarterTurns % 4) + 4) % 4
    }

    public static let identity = SquareSymmetry()

    /// All eight, identity first.
    public static let all: [SquareSymmetry] = [false, true].flatMap { mirrored in
        (0..<4).map { SquareSymmetry(isMirrored: mirrored, quarterTurns: $0) }
    }

    public var description: String {
        (isMirrored ? "mirror then " : "") + "\(quarterTurns * 90)° clockwise"
    }

    /// `self` after `other`: applying the result equals applying `other`, then `self`.
    ///
    /// With R a quarter turn and F the mirror, `self` is Rᵃ·Fᶠ; since F·R = R⁻¹·F, the product
    /// Rᵃ·Fᶠ·Rᵇ·Fᵍ is R^(a ± b)·F^(f xor g), minus when `self` mirrors.
    public func composed(after other: SquareSymmetry) -> SquareSymmetry {
        SquareSymmetry(isMirrored: isMirrored != other.isMirrored,
                       quarterTurns: quarterTurns + (isMirrored ? -other.quarterTurns : other.quarterTurns))
    }

    /// The symmetry that undoes this one: mirrors are their own inverse, turns go back.
    public var inverse: SquareSymmetry {
        isMirrored ? self : SquareSymmetry(quarterTurns: -quarterTurns)
    }

    /// The size of an image of size `width`×`height` after this symmetry.
    public func outputSize(width: Int, height: Int) -> (width: Int, height: Int) {
        quarterTurns % 2 == 0 ? (width, height) : (height, width)
    }

    /// The image with its pixels moved by this symmetry. O(pixels).
    public func apply(to image: LinearImage) -> LinearImage {
        let (width, height) = (image.width, image.height)
        let (outWidth, outHeight) = outputSize(width: width, height: height)
        // Centred, doubled coordinates U = 2x − (w − 1), V = 2y − (h − 1) are integers and
        // transform linearly: mirror (U, V) → (−U, V), quarter turn (U, V) → (−V, U).
        var m = (a: isMirrored ? -1 : 1, b: 0, c: 0, d: 1)  // (U', V') = (a U + b V, c U + d V)
        for _ in 0..<quarterTurns {
            m = (a: -m.c, b: -m.d, c: m.a, d: m.b)
        }
        var output = [Float](repeating: 0, count: image.pixels.count)
        image.pixels.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                for y in 0..<height {
                    let v = 2 * y - (height - 1)
                    for x in 0..<width {
                        let u = 2 * x - (width - 1)
                        let outX = (m.a * u + m.b * v + outWidth - 1) / 2
                        let outY = (m.c * u + m.d * v + outHeight - 1) / 2
                        let from = (y * width + x) * 3, to = (outY * outWidth + outX) * 3
                        target[to] = source[from]
                        target[to + 1] = source[from + 1]
                        target[to + 2] = source[from + 2]
                    }
                }
            }
        }
        return LinearImage(width: outWidth, height: outHeight, pixels: output)
    }
}

/// Flips and 90° rotations: one of the eight symmetries of the square, drawn uniformly.
/// Non-square images only draw the four that keep their size (identity, the two mirrors, 180°).
public struct SymmetryAugmentation: Augmentation {
    public var name: String { "symmetry" }

    public init() {}

    public func draw(for sample: TrainingSample, using generator: inout some RandomNumberGenerator) -> SquareSymmetry {
        let choices = sample.image.width == sample.image.height
            ? SquareSymmetry.all
            : SquareSymmetry.all.filter { $0.quarterTurns % 2 == 0 }
        return choices[generator.nextIndex(below: choices.count)]
    }

    public func apply(_ parameters: SquareSymmetry, to sample: TrainingSample) -> TrainingSample {
        var result = sample
        result.image = parameters.apply(to: sample.image)
        return result
    }
}
