import ImageIO

extension LinearImage {
    /// A copy whose longer side is at most `maxSide`, each output pixel the mean of the input
    /// pixels it covers (box filter with fractional edges). O(input pixels). Returns `self` when
    /// the image is already small enough.
    public func areaDownsampled(maxSide: Int) -> LinearImage {
        precondition(maxSide > 0, "maxSide must be positive")
        let longer = Swift.max(width, height)
        guard longer > maxSide else { return self }
        let outWidth = Swift.max(1, (width * maxSide + longer / 2) / longer)
        let outHeight = Swift.max(1, (height * maxSide + longer / 2) / longer)
        let columns = Self.coverage(from: width, to: outWidth)
        let rows = Self.coverage(from: height, to: outHeight)
        var out = [Float](repeating: 0, count: outWidth * outHeight * 3)
        for (outY, rowWeights) in rows.enumerated() {
            for (inY, rowWeight) in rowWeights {
                for (outX, columnWeights) in columns.enumerated() {
                    for (inX, columnWeight) in columnWeights {
                        let weight = rowWeight * columnWeight
                        let source = (inY * width + inX) * 3, target = (outY * outWidth + outX) * 3
                        out[target] += weight * pixels[source]
                        out[target + 1] += weight * pixels[source + 1]
                        out[target + 2] += weight * pixels[source + 2]
                    }
                }
            }
        }
        return LinearImage(width: outWidth, height: outHeight, pixels: out)
    }

    /// For each output index, the input indices it covers and their weights (summing to 1).
    private static func coverage(from inCount: Int, to outCount: Int) -> [[(Int, Float)]] {
        let scale = Double(inCount) / Double(outCount)
        return (0..<outCount).map { out in
            let start = Double(out) * scale, end = Double(out + 1) * scale
            var weights: [(Int, Float)] = []
            var index = Int(start)
            while Double(index) < end, index < inCount {
                let overlap = Swift.min(end, Double(index + 1)) - Swift.max(start, Double(index))
                if overlap > 0 { weights.append((index, Float(overlap / scale))) }
                index += 1
            }
            return weights
        }
    }
}
