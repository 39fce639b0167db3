/// Antialiased downscaling by area averaging: each output pixel is the mean of the input area
/// it covers, with partial weights for partly covered pixels. Fine detail averages out instead
/// of aliasing. The aspect ratio is not kept: the whole frame is squashed to the target size,
/// as the seed project did, so no part of the photo is cropped away.
///
/// Separable: a horizontal pass then a vertical pass. O(W·H + w·H + w·h) per channel.
public enum AreaResize {
    public static func resize(_ image: LinearImage, width: Int, height: Int) -> LinearImage {
        precondition(width > 0 && height > 0, "target size must be positive")
        let columns = weights(from: image.width, to: width)
        let rows = weights(from: image.height, to: height)
        // Horizontal: image.height rows × width columns.
        var horizontal = [Float](repeating: 0, count: image.height * width * 3)
        image.pixels.withUnsafeBufferPointer { source in
            horizontal.withUnsafeMutableBufferPointer { target in
                for y in 0..<image.height {
                    let sourceRow = y * image.width * 3
                    let targetRow = y * width * 3
                    for (x, taps) in columns.enumerated() {
                        var r: Float = 0, g: Float = 0, b: Float = 0
                        for tap in taps {
                            let index = sourceRow + tap.index * 3
                            r += source[index] * tap.weight
                            g += source[index + 1] * tap.weight
                            b += source[index + 2] * tap.weight
                        }
                        target[targetRow + x * 3] = r
                        target[targetRow + x * 3 + 1] = g
                        target[targetRow + x * 3 + 2] = b
                    }
                }
            }
        }
        // Vertical: height rows × width columns.
        var output = [Float](repeating: 0, count: height * width * 3)
        horizontal.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                let stride = width * 3
                for (y, taps) in rows.enumerated() {
                    let targetRow = y * stride
                    for tap in taps {
                        let sourceRow = tap.index * stride
                        for i in 0..<stride {
                            target[targetRow + i] += source[sourceRow + i] * tap.weight
                        }
                    }
                }
            }
        }
        return LinearImage(width: width, height: height, pixels: output)
    }

    struct Tap {
        var index: Int
        var weight: Float
    }

    /// For each output index, the input indices it covers and their weights (summing to 1).
    /// Upscaling falls back to the nearest covering pixel, which is what area averaging means
    /// when one input pixel covers several outputs.
    static func weights(from inputSize: Int, to outputSize: Int) -> [[Tap]] {
        let scale = Double(inputSize) / Double(outputSize)
        return (0..<outputSize).map { output in
            let start = Double(output) * scale
            let end = start + scale
            var taps: [Tap] = []
            var index = Int(start)
            while Double(index) < end && index < inputSize {
                let covered = min(end, Double(index + 1)) - max(start, Double(index))
                if covered > 1e-9 { taps.append(Tap(index: index, weight: Float(covered / scale))) }
                index += 1
            }
            return taps
        }
    }
}

extension LinearImage {
    /// A copy whose longer side is at most `maxSide`, aspect ratio kept, by area averaging
    /// (`AreaResize`). Returns `self` when the image is already small enough.
    public func areaDownsampled(maxSide: Int) -> LinearImage {
        precondition(maxSide > 0, "maxSide must be positive")
        let longer = Swift.max(width, height)
        guard longer > maxSide else { return self }
        let outWidth = Swift.max(1, (width * maxSide + longer / 2) / longer)
        let outHeight = Swift.max(1, (height * maxSide + longer / 2) / longer)
        return AreaResize.resize(self, width: outWidth, height: outHeight)
    }
}
