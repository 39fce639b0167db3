import ImageIO

extension DisplayImage {
    /// The panels in a row, left to right, `gap` pixels of `background` grey between them and
    /// top-aligned (shorter panels are padded below). For before/after previews. O(output pixels).
    public static func sideBySide(_ panels: [DisplayImage], gap: Int = 8, background: Float = 0.12) -> DisplayImage {
        precondition(!panels.isEmpty && gap >= 0, "side by side needs at least one panel and a gap of 0 or more")
        let width = panels.map(\.width).reduce(0, +) + gap * (panels.count - 1)
        let height = panels.map(\.height).max()!
        var pixels = [Float](repeating: background, count: width * height * 3)
        var left = 0
        for panel in panels {
            for y in 0..<panel.height {
                let source = y * panel.width * 3
                let target = (y * width + left) * 3
                pixels.replaceSubrange(target..<(target + panel.width * 3),
                                       with: panel.pixels[source..<(source + panel.width * 3)])
            }
            left += panel.width + gap
        }
        return DisplayImage(width: width, height: height, pixels: pixels)
    }
}
