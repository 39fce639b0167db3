import Foundation
import ImageIO

/// Global tone and colour statistics of a photo, the features of the ridge baseline: what a
/// histogram tells without a network. From the shrunk linear image, luma encoded by the sRGB
/// curve: its mean and standard deviation, nine percentiles (1st to 99th), the shares near
/// white and near black, the mean log luminance in stops, and the mean chroma.
public enum ImageStatisticsFeatures {
    public static let names = ["mean", "std", "p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99",
                               "near white", "near black", "stops", "chroma"]

    /// The features of `image`. O(pixels log pixels).
    public static func features(of image: LinearImage) -> [Float] {
        let count = image.width * image.height
        var lumas = [Float](repeating: 0, count: count)
        var sum = 0.0, squares = 0.0, stops = 0.0, chroma = 0.0
        var white = 0, black = 0
        image.pixels.withUnsafeBufferPointer { pixels in
            for pixel in 0..<count {
                let r = pixels[pixel * 3], g = pixels[pixel * 3 + 1], b = pixels[pixel * 3 + 2]
                let linear = max(0, 0.2126 * r + 0.7152 * g + 0.0722 * b)
                let luma = SRGBTransfer.encode(min(linear, 1))
                lumas[pixel] = luma
                sum += Double(luma)
                squares += Double(luma * luma)
                stops += Double(log2(max(linear, 1.0 / 65536)))
                let (er, eg, eb) = (SRGBTransfer.encode(min(max(r, 0), 1)), SRGBTransfer.encode(min(max(g, 0), 1)),
                                    SRGBTransfer.encode(min(max(b, 0), 1)))
                chroma += Double(max(er, eg, eb) - min(er, eg, eb))
                if luma >= 0.98 { white += 1 }
                if luma <= 0.02 { black += 1 }
            }
        }
        lumas.sort()
        let n = Double(count)
        let mean = sum / n
        func percentile(_ p: Double) -> Float { lumas[min(count - 1, Int((p / 100 * Double(count - 1)).rounded()))] }
        return [Float(mean), Float(max(squares / n - mean * mean, 0).squareRoot())]
            + [1, 5, 10, 25, 50, 75, 90, 95, 99].map(percentile)
            + [Float(Double(white) / n), Float(Double(black) / n), Float(stops / n), Float(chroma / n)]
    }
}
