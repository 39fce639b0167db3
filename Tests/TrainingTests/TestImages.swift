import SeededRandom
import Foundation
import ImageIO
import Training

/// Images and samples built for tests, and the golden files' folder.
enum TestImages {
    static let goldenFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")

    /// Every value different: pixel i, channel c holds 3i + c. Shows any permutation exactly.
    static func indexed(width: Int, height: Int) -> LinearImage {
        LinearImage(width: width, height: height, pixels: (0..<(width * height * 3)).map(Float.init))
    }

    /// Channel 0 holds x, channel 1 holds y, channel 2 holds 0.5: bilinear sampling of it
    /// returns the (clamped) source position itself.
    static func coordinates(width: Int, height: Int) -> LinearImage {
        var pixels = [Float](repeating: 0.5, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                pixels[(y * width + x) * 3] = Float(x)
                pixels[(y * width + x) * 3 + 1] = Float(y)
            }
        }
        return LinearImage(width: width, height: height, pixels: pixels)
    }

    /// Seeded random values in 0…2 (some above the sensor's clip, as linear data may be).
    static func random(width: Int, height: Int, seed: UInt64) -> LinearImage {
        var generator = Xoshiro256StarStar(seed: seed)
        return LinearImage(width: width, height: height,
                           pixels: (0..<(width * height * 3)).map { _ in Float(2 * generator.nextUnitInterval()) })
    }

    /// A sample with a full label in the eight-setting space.
    static func sample(_ image: LinearImage, exposure: Float = 0.1) -> TrainingSample {
        TrainingSample(image: image, label: ScaledLabel(values: [exposure, 0.1, -0.5, 0.4, -0.3, 0.2, 0, -0.4]))
    }

    /// The channel-c value of pixel (x, y).
    static func value(_ image: LinearImage, x: Int, y: Int, channel: Int) -> Float {
        image.pixels[(y * image.width + x) * 3 + channel]
    }
}
