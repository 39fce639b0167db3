import ImageIO

extension SyntheticSensor {
    /// What AutoTone's decoder (LibRaw at half size, camera white balance, highlights clipped,
    /// camera → linear sRGB) makes of a mosaic this sensor captured: each 2×2 Bayer block becomes
    /// one pixel. Pretraining uses it to make hundreds of thousands of RAW-like inputs without
    /// writing and decoding a DNG for each; a test holds it to LibRaw's decode of the same mosaic
    /// written as a DNG. O(pixels).
    public func halfSizeDecode(_ mosaic: BayerMosaic) -> LinearImage {
        precondition(mosaic.width % 2 == 0 && mosaic.height % 2 == 0, "the mosaic needs whole 2×2 blocks")
        let width = mosaic.width / 2, height = mosaic.height / 2
        let black = Float(mosaic.blackLevel), range = Float(mosaic.whiteLevel) - Float(mosaic.blackLevel)
        let inverse = Self.inverse3x3(crosstalk).map(Float.init)
        let balance = neutral.map { Float(1 / $0) }
        var pixels = [Float](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                var sums: (Float, Float, Float) = (0, 0, 0), counts: (Float, Float, Float) = (0, 0, 0)
                for dy in 0..<2 {
                    for dx in 0..<2 {
                        let column = 2 * x + dx, row = 2 * y + dy
                        let value = Float(mosaic.values[row * mosaic.width + column])
                        switch mosaic.pattern.colour(x: column, y: row) {
                        case 0: sums.0 += value; counts.0 += 1
                        case 1: sums.1 += value; counts.1 += 1
                        default: sums.2 += value; counts.2 += 1
                        }
                    }
                }
                // White-balanced camera values, clipped where the sensor saturated.
                func balanced(_ sum: Float, _ count: Float, _ c: Int) -> Float {
                    min(max((sum / count - black) / range * balance[c], 0), 1)
                }
                let r = balanced(sums.0, counts.0, 0), g = balanced(sums.1, counts.1, 1), b = balanced(sums.2, counts.2, 2)
                let base = (y * width + x) * 3
                for row in 0..<3 {
                    let value = inverse[row * 3] * r + inverse[row * 3 + 1] * g + inverse[row * 3 + 2] * b
                    pixels[base + row] = min(max(value, 0), 1)
                }
            }
        }
        return LinearImage(width: width, height: height, pixels: pixels)
    }

    /// The inverse of a row-major 3×3 matrix (by cofactors; the crosstalk matrix is well conditioned).
    static func inverse3x3(_ m: [Double]) -> [Double] {
        let cofactors = [m[4] * m[8] - m[5] * m[7], m[2] * m[7] - m[1] * m[8], m[1] * m[5] - m[2] * m[4],
                         m[5] * m[6] - m[3] * m[8], m[0] * m[8] - m[2] * m[6], m[2] * m[3] - m[0] * m[5],
                         m[3] * m[7] - m[4] * m[6], m[1] * m[6] - m[0] * m[7], m[0] * m[4] - m[1] * m[3]]
        let determinant = m[0] * cofactors[0] + m[1] * cofactors[3] + m[2] * cofactors[6]
        return cofactors.map { $0 / determinant }
    }
}
