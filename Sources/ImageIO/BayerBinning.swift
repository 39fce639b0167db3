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
        // In a 2×2 block, the photosite at (dy, dx) always has colour pattern[dy * 2 + dx]:
        // black and scale per position, and which position holds R, G, B and the second G.
        let pattern = frame.pattern
        let black = pattern.map { frame.channelBlack[$0] }
        let multiplier = pattern.map { scale[$0] }
        let (b0, b1, b2, b3) = (black[0], black[1], black[2], black[3])
        let (s0, s1, s2, s3) = (multiplier[0], multiplier[1], multiplier[2], multiplier[3])
        let redAt = pattern.firstIndex(of: 0)!, greenAt = pattern.firstIndex(of: 1)!
        let blueAt = pattern.firstIndex(of: 2)!, secondGreenAt = pattern.firstIndex(of: 3)!
        let m = frame.cameraToSRGB ?? [1, 0, 0, 0, 1, 0, 0, 0, 1]
        let (m0, m1, m2, m3, m4, m5, m6, m7, m8) = (m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8])
        let hasMatrix = frame.cameraToSRGB != nil
        let toUnit: Float = 1 / 65535
        let top = 2 * halfY
        let rowsPresent = (top < visibleRows, top + 1 < visibleRows)
        let first = frame.samples + (top + frame.topMargin) * frame.pitch + frame.leftMargin
        let second = first + frame.pitch
        // Blocks whose four photosites are all visible, then the partial ones at the edges,
        // where a photosite outside the visible area reads as 0, as in LibRaw's image buffer.
        let whole = rowsPresent.0 && rowsPresent.1 ? min(frame.halfWidth, visibleColumns / 2) : 0
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 4) { scaled in
            for halfX in 0..<frame.halfWidth {
                let x = 2 * halfX
                if halfX < whole {
                    // scale_colors: int(val * scale_mul[c]), clipped to 16 bits.
                    let v0 = Int(first[x]), v1 = Int(first[x + 1]), v2 = Int(second[x]), v3 = Int(second[x + 1])
                    scaled[0] = clip16(Float(v0 > b0 ? v0 - b0 : 0) * s0)
                    scaled[1] = clip16(Float(v1 > b1 ? v1 - b1 : 0) * s1)
                    scaled[2] = clip16(Float(v2 > b2 ? v2 - b2 : 0) * s2)
                    scaled[3] = clip16(Float(v3 > b3 ? v3 - b3 : 0) * s3)
                } else {
                    for position in 0..<4 {
                        let column = x + (position & 1)
                        var value = 0
                        if (position < 2 ? rowsPresent.0 : rowsPresent.1) && column < visibleColumns {
                            let sample = Int((position < 2 ? first : second)[column])
                            value = sample > black[position] ? sample - black[position] : 0
                        }
                        scaled[position] = clip16(Float(value) * multiplier[position])
                    }
                }
                let red = Float(scaled[redAt]), blue = Float(scaled[blueAt])
                let green = Float((scaled[greenAt] + scaled[secondGreenAt]) >> 1)
                let out = row.baseAddress! + halfX * 3
                if hasMatrix {
                    // convert_to_rgb: float products summed left to right, truncated, clipped.
                    out[0] = Float(clip16(m0 * red + m1 * green + m2 * blue)) * toUnit
                    out[1] = Float(clip16(m3 * red + m4 * green + m5 * blue)) * toUnit
                    out[2] = Float(clip16(m6 * red + m7 * green + m8 * blue)) * toUnit
                } else {
                    out[0] = red * toUnit
                    out[1] = green * toUnit
                    out[2] = blue * toUnit
                }
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
