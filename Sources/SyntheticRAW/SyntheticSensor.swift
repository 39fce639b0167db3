import ImageIO
import SeededRandom
import Foundation

/// A simple camera sensor that turns a linear scene into a ``BayerMosaic``, for synthetic RAWs.
///
/// The camera's native colours are linear Rec.709 mixed by a little `crosstalk` (rows sum to 1,
/// so grey stays grey) and scaled per channel by `neutral`, the camera's response to white
/// (green most sensitive, as in real sensors). Photosite signal is then
/// `black + (white − black) · camera value`, plus shot noise (Poisson, approximated as Gaussian
/// with variance ∝ signal, growing with ISO) and read noise, rounded and clipped to the levels.
/// A scene value of 1 in every channel clips the green photosites exactly: LinearImage's
/// "1 = sensor clipping after white balance".
public struct SyntheticSensor: Sendable {
    public var pattern: BayerMosaic.Pattern = .rggb
    public var bitsPerSample: Int = 14
    public var blackLevel: UInt16 = 512
    /// Camera response to a neutral (white-balanced white) scene, per channel; green = 1.
    public var neutral: [Double] = [0.47, 1.0, 0.66]
    /// Row-major 3×3: camera channel = Σ crosstalk[row][k] · linear Rec.709 channel k.
    public var crosstalk: [Double] = [0.86, 0.12, 0.02,
                                      0.07, 0.85, 0.08,
                                      0.02, 0.16, 0.82]
    public var iso: Double = 100
    /// Electrons that fill a photosite at ISO 100.
    public var fullWellElectrons: Double = 30_000
    /// Read noise in electrons, plus a fixed amount in output units (after the amplifier).
    public var readNoiseElectrons: Double = 3
    public var readNoiseLevels: Double = 1.2

    public init() {}

    public var whiteLevel: UInt16 { UInt16((1 << bitsPerSample) - 1) }

    /// DNG ColorMatrix1 for D65: XYZ → camera native, row-major, equal to
    /// `diag(neutral) · crosstalk · M(XYZ→linear sRGB)`, so D65 white maps to `neutral`.
    public var colorMatrix: [Double] {
        let xyzToSRGB: [Double] = [3.240_454_2, -1.537_138_5, -0.498_531_4,
                                   -0.969_266_0, 1.876_010_8, 0.041_556_0,
                                   0.055_643_4, -0.204_025_9, 1.057_225_2]
        var result = [Double](repeating: 0, count: 9)
        for row in 0..<3 {
            for column in 0..<3 {
                var sum = 0.0
                for k in 0..<3 { sum += crosstalk[row * 3 + k] * xyzToSRGB[k * 3 + column] }
                result[row * 3 + column] = neutral[row] * sum
            }
        }
        return result
    }

    /// The mosaic a capture of `scene` would give. `scene` must have even dimensions.
    /// O(pixels); draws one normal deviate per photosite from `rng`. Inlinable so that it is
    /// specialised for the caller's generator (pretraining captures hundreds of thousands).
    @inlinable
    public func capture<G: RandomNumberGenerator>(_ scene: LinearImage, using rng: inout G) -> BayerMosaic {
        let range = Double(whiteLevel) - Double(blackLevel)
        let levelsPerElectron = range / fullWellElectrons * (iso / 100)
        let readVariance = pow(readNoiseElectrons * levelsPerElectron, 2) + readNoiseLevels * readNoiseLevels
        var values = [UInt16](repeating: 0, count: scene.width * scene.height)
        for y in 0..<scene.height {
            for x in 0..<scene.width {
                let colour = pattern.colour(x: x, y: y)
                let base = (y * scene.width + x) * 3
                var camera = 0.0
                for k in 0..<3 { camera += crosstalk[colour * 3 + k] * Double(max(scene.pixels[base + k], 0)) }
                let signal = range * neutral[colour] * camera
                let sigma = (levelsPerElectron * signal + readVariance).squareRoot()
                let level = Double(blackLevel) + signal + sigma * rng.nextGaussian()
                values[y * scene.width + x] = UInt16(min(max(level.rounded(), 0), Double(whiteLevel)))
            }
        }
        return BayerMosaic(width: scene.width, height: scene.height, pattern: pattern, blackLevel: blackLevel,
                           whiteLevel: whiteLevel, values: values)
    }
}
