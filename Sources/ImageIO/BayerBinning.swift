/// From a RAW's mosaic straight to a small linear image, with the numbers LibRaw's half-size
/// develop would produce and then `AreaResize` would average: what `predict` needs, without
/// LibRaw's image copy, its four passes over the half-size frame, the 16-bit output buffer and
/// its conversion to Float.
///
/// Per 2×2 block, as LibRaw does it: black off each sample (clamped at 0), the data's maximum
/// found first (`adjust_maximum`), white balance and scale to 16 bits with truncation and
/// clipping, the two greens averaged, the colour matrix applied and the result clipped again.
/// Each block's RGB goes straight into the area-averaging sums, so nothing the size of the
/// half-size frame is ever held. Orientation is applied to the small result.
enum BayerBinning {
    /// The frame binned to `width`×`height` after orientation (the whole frame, squashed).
    static func bin(_ frame: BayerFrame, width: Int, height: Int) -> LinearImage {
        precondition(width > 0 && height > 0, "target size must be positive")
        let transposed = frame.flip & 4 != 0
        // In sensor orientation: a transposed photo's columns become its rows.
        let binColumns = transposed ? height : width
        let binRows = transposed ? width : height
        let scale = scaleMultipliers(frame)
        let columnTaps = AreaResize.weights(from: frame.halfWidth, to: binColumns)
        let rowTaps = AreaResize.weights(from: frame.halfHeight, to: binRows)
        // Which output rows each half-size row feeds, in increasing order of output row, so
        // every output row sums its inputs in the order `AreaResize` does.
        var feeds = [[(row: Int, weight: Float)]](repeating: [], count: frame.halfHeight)
        for (row, taps) in rowTaps.enumerated() {
            for tap in taps { feeds[tap.index].append((row, tap.weight)) }
        }

        let stride = binColumns * 3
        var binned = [Float](repeating: 0, count: binRows * stride)
        var halfRow = [Float](repeating: 0, count: frame.halfWidth * 3)
        var horizontal = [Float](repeating: 0, count: stride)
        for halfY in 0..<frame.halfHeight {
            halfRow.withUnsafeMutableBufferPointer { developRow(frame, halfY: halfY, scale: scale, into: $0) }
            halfRow.withUnsafeBufferPointer { source in
                horizontal.withUnsafeMutableBufferPointer { target in
                    for (x, taps) in columnTaps.enumerated() {
                        var r: Float = 0, g: Float = 0, b: Float = 0
                        for tap in taps {
                            let index = tap.index * 3
                            r += source[index] * tap.weight
                            g += source[index + 1] * tap.weight
                            b += source[index + 2] * tap.weight
                        }
                        target[x * 3] = r
                        target[x * 3 + 1] = g
                        target[x * 3 + 2] = b
                    }
                }
            }
            horizontal.withUnsafeBufferPointer { source in
                binned.withUnsafeMutableBufferPointer { target in
                    for feed in feeds[halfY] {
                        let start = feed.row * stride
                        for i in 0..<stride { target[start + i] += source[i] * feed.weight }
                    }
                }
            }
        }
        return oriented(binned, columns: binColumns, rows: binRows, flip: frame.flip, width: width, height: height)
    }

    /// One half-size row as LibRaw develops it, in 0…1 (16-bit full scale is 1).
    private static func developRow(_ frame: BayerFrame, halfY: Int, scale: [Float],
                                   into row: UnsafeMutableBufferPointer<Float>) {
        let visibleRows = min(frame.height, frame.rawHeight - frame.topMargin)
        let visibleColumns = min(frame.width, frame.rawWidth - frame.leftMargin)
        let black = frame.channelBlack, pattern = frame.pattern
        let matrix = frame.cameraToSRGB
        let toUnit: Float = 1 / 65535
        var value = [Int](repeating: 0, count: 4)
        for halfX in 0..<frame.halfWidth {
            for c in 0..<4 { value[c] = 0 }
            for dy in 0..<2 {
                let y = 2 * halfY + dy
                guard y < visibleRows else { continue }
                let line = frame.samples + (y + frame.topMargin) * frame.pitch + frame.leftMargin
                for dx in 0..<2 {
                    let x = 2 * halfX + dx
                    guard x < visibleColumns else { continue }
                    let colour = pattern[(y & 1) * 2 + (x & 1)]
                    let sample = Int(line[x])
                    value[colour] = sample > black[colour] ? sample - black[colour] : 0
                }
            }
            // scale_colors: int(val * scale_mul[c]), clipped to 16 bits.
            for c in 0..<4 { value[c] = clip16(Float(value[c]) * scale[c]) }
            let red = Float(value[0]), green = Float((value[1] + value[3]) >> 1), blue = Float(value[2])
            let out = row.baseAddress! + halfX * 3
            if let m = matrix {
                // convert_to_rgb: float products summed left to right, truncated, clipped.
                out[0] = Float(clip16(m[0] * red + m[1] * green + m[2] * blue)) * toUnit
                out[1] = Float(clip16(m[3] * red + m[4] * green + m[5] * blue)) * toUnit
                out[2] = Float(clip16(m[6] * red + m[7] * green + m[8] * blue)) * toUnit
            } else {
                out[0] = red * toUnit
                out[1] = green * toUnit
                out[2] = blue * toUnit
            }
        }
    }

    /// C's `CLIP((int)x)`: truncation toward zero, then 0…65535.
    @inline(__always)
    private static func clip16(_ x: Float) -> Int {
        guard x > 0 else { return 0 }
        return x >= 65535 ? 65535 : Int(x)
    }

    /// LibRaw's `scale_mul`: white balance normalised to its smallest multiplier (highlights
    /// clip), times 65535 over the white level above black, the white level lowered to the
    /// data's own maximum when that is close below it.
    static func scaleMultipliers(_ frame: BayerFrame) -> [Float] {
        var maximum = frame.maximum - frame.commonBlack
        if let threshold = frame.adjustMaximumThreshold {
            let dataMaximum = self.dataMaximum(frame)
            if dataMaximum > 0 && dataMaximum < maximum && Float(dataMaximum) > Float(maximum) * threshold {
                maximum = dataMaximum
            }
        }
        let smallest = Double(frame.whiteBalance.min() ?? 0)
        guard smallest > 0.00001 && maximum > 0 else { return [1, 1, 1, 1] }
        return frame.whiteBalance.map { multiplier in
            let normalised = Float(Double(multiplier) / smallest)
            return Float(Double(normalised) * 65535.0 / Double(maximum))
        }
    }

    /// The largest sample above its black level in the visible area (LibRaw's `data_maximum`).
    static func dataMaximum(_ frame: BayerFrame) -> Int {
        let visibleRows = min(frame.height, frame.rawHeight - frame.topMargin)
        let visibleColumns = min(frame.width, frame.rawWidth - frame.leftMargin)
        var largest = 0
        for y in 0..<max(0, visibleRows) {
            let line = frame.samples + (y + frame.topMargin) * frame.pitch + frame.leftMargin
            let even = frame.channelBlack[frame.pattern[(y & 1) * 2]]
            let odd = frame.channelBlack[frame.pattern[(y & 1) * 2 + 1]]
            // Per row, the largest sample of each column parity: black is subtracted once.
            var evenMax = 0, oddMax = 0
            var x = 0
            while x + 1 < visibleColumns {
                evenMax = max(evenMax, Int(line[x]))
                oddMax = max(oddMax, Int(line[x + 1]))
                x += 2
            }
            if x < visibleColumns { evenMax = max(evenMax, Int(line[x])) }
            largest = max(largest, evenMax - even, oddMax - odd)
        }
        return largest
    }

    /// The sensor-oriented bins turned the way the photo is shown (LibRaw's `flip_index`).
    private static func oriented(_ binned: [Float], columns: Int, rows: Int, flip: Int,
                                 width: Int, height: Int) -> LinearImage {
        guard flip & 7 != 0 else { return LinearImage(width: width, height: height, pixels: binned) }
        var pixels = [Float](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                var (row, column) = flip & 4 != 0 ? (x, y) : (y, x)
                if flip & 2 != 0 { row = rows - 1 - row }
                if flip & 1 != 0 { column = columns - 1 - column }
                let source = (row * columns + column) * 3, target = (y * width + x) * 3
                for c in 0..<3 { pixels[target + c] = binned[source + c] }
            }
        }
        return LinearImage(width: width, height: height, pixels: pixels)
    }
}
