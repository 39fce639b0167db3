import Develop
import ImageIO
import Testing

@Suite("CIELAB and ΔE76")
struct CIELabTests {
    func lab(_ red: Float, _ green: Float, _ blue: Float) -> (Float, Float, Float) {
        let values = CIELabImage(DisplayImage(width: 1, height: 1, pixels: [red, green, blue])).values
        return (values[0], values[1], values[2])
    }

    @Test("white, black, grey and sRGB red land on their published L*a*b* values")
    func referenceColours() {
        let white = lab(1, 1, 1), black = lab(0, 0, 0)
        #expect(abs(white.0 - 100) < 0.01 && abs(white.1) < 0.01 && abs(white.2) < 0.01)
        #expect(abs(black.0) < 1e-4 && abs(black.1) < 1e-4)
        // sRGB code 119/255 is L* 50.0 (within rounding of the code); pure red is (53.24, 80.09, 67.20).
        #expect(abs(lab(119 / 255, 119 / 255, 119 / 255).0 - 50.0) < 0.3)
        let red = lab(1, 0, 0)
        #expect(abs(red.0 - 53.24) < 0.05 && abs(red.1 - 80.09) < 0.1 && abs(red.2 - 67.20) < 0.1)
    }

    @Test("ΔE76 is 0 for one image, 100 between black and white, and the per-pixel mean otherwise")
    func meanDeltaE() {
        func image(_ values: [Float]) -> CIELabImage { CIELabImage(DisplayImage(width: values.count / 3, height: 1, pixels: values)) }
        let mixed = image([1, 1, 1, 0, 0, 0])
        #expect(mixed.meanDeltaE76(to: mixed) == 0)
        #expect(abs(image([1, 1, 1, 1, 1, 1]).meanDeltaE76(to: image([0, 0, 0, 0, 0, 0])) - 100) < 0.01)
        #expect(abs(mixed.meanDeltaE76(to: image([1, 1, 1, 1, 1, 1])) - 50) < 0.01, "one pixel of two differs by 100")
    }
}

@Suite("Side by side")
struct SideBySideTests {
    @Test("panels sit left to right with a gap of background between them, shorter ones padded below")
    func layout() {
        let a = DisplayImage(width: 2, height: 2, pixels: [Float](repeating: 1, count: 12))
        let b = DisplayImage(width: 3, height: 1, pixels: [Float](repeating: 0.5, count: 9))
        let sheet = DisplayImage.sideBySide([a, b], gap: 1, background: 0)
        #expect(sheet.width == 6 && sheet.height == 2)
        func pixel(_ x: Int, _ y: Int) -> Float { sheet.pixels[(y * sheet.width + x) * 3] }
        #expect(pixel(0, 0) == 1 && pixel(1, 1) == 1)
        #expect(pixel(2, 0) == 0 && pixel(2, 1) == 0, "the gap")
        #expect(pixel(3, 0) == 0.5 && pixel(5, 0) == 0.5)
        #expect(pixel(3, 1) == 0 && pixel(5, 1) == 0, "below the shorter panel")
    }
}
