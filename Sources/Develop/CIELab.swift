import Foundation
import ImageIO

/// CIE 1976 L*a*b* (D65 white) of a display image, and the ΔE76 distance between two of them:
/// differences in how a rendering *looks*, roughly even across tones and colours, where a
/// difference of about 1 is just noticeable side by side.
public struct CIELabImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// `width * height * 3` values: L* (0…100), a*, b*, interleaved per pixel.
    public let values: [Float]

    /// Converts sRGB-encoded pixels (clipped to 0…1) through linear sRGB and XYZ. O(pixels).
    public init(_ image: DisplayImage) {
        width = image.width
        height = image.height
        var values = [Float](repeating: 0, count: image.pixels.count)
        image.pixels.withUnsafeBufferPointer { input in
            values.withUnsafeMutableBufferPointer { output in
                for base in stride(from: 0, to: input.count, by: 3) {
                    let lab = Self.lab(SRGBTransfer.decode(input[base]), SRGBTransfer.decode(input[base + 1]),
                                       SRGBTransfer.decode(input[base + 2]))
                    output[base] = lab.0
                    output[base + 1] = lab.1
                    output[base + 2] = lab.2
                }
            }
        }
        self.values = values
    }

    /// Mean over pixels of the Euclidean distance in L*a*b* (ΔE76). O(pixels).
    public func meanDeltaE76(to other: CIELabImage) -> Double {
        precondition(width == other.width && height == other.height, "images differ in size")
        var sum = 0.0
        values.withUnsafeBufferPointer { a in
            other.values.withUnsafeBufferPointer { b in
                for base in stride(from: 0, to: a.count, by: 3) {
                    let dl = a[base] - b[base], da = a[base + 1] - b[base + 1], db = a[base + 2] - b[base + 2]
                    sum += Double((dl * dl + da * da + db * db).squareRoot())
                }
            }
        }
        return sum / Double(width * height)
    }

    /// Linear sRGB (D65) → L*a*b* relative to D65 white.
    static func lab(_ red: Float, _ green: Float, _ blue: Float) -> (Float, Float, Float) {
        // sRGB → XYZ (IEC 61966-2-1), each row divided by the white point's X, Y, Z.
        let x = (0.412_456_4 * red + 0.357_576_1 * green + 0.180_437_5 * blue) / 0.950_47
        let y = 0.212_672_9 * red + 0.715_152_2 * green + 0.072_175_0 * blue
        let z = (0.019_333_9 * red + 0.119_192_0 * green + 0.950_304_1 * blue) / 1.088_83
        let fx = f(x), fy = f(y), fz = f(z)
        return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))
    }

    /// The CIE's cube root with its linear segment near black (ε = 216/24389, κ = 24389/27).
    @inline(__always)
    static func f(_ t: Float) -> Float {
        t > 216 / 24_389 ? cbrtf(t) : (24_389 / 27 * t + 16) / 116
    }
}
