import SeededRandom
import Develop
import Foundation
import ImageIO
import Testing

@Suite("Develop renderer")
struct RendererTests {
    let renderer = DevelopRenderer()
    let scene = TestScenes.ramp()

    func render(_ adjustments: DevelopAdjustments, _ image: LinearImage? = nil) -> DisplayImage {
        renderer.render(image ?? scene, adjustments)
    }

    @Test("zero settings give the base rendering: grey to sRGB middle grey, sensor clip to white")
    func baseRendering() {
        let grey = render(.zero, TestScenes.patch(0.18, 0.18, 0.18)).pixel(0)
        #expect(abs(grey.0 - SRGBTransfer.encodeExtended(0.18)) < 1e-3 && abs(grey.0 - grey.2) < 1e-5)
        let white = render(.zero, TestScenes.patch(1, 1, 1)).pixel(0)
        #expect(white.1 > 0.999)
        let black = render(.zero, TestScenes.patch(0, 0, 0)).pixel(0)
        #expect(black.0 < 1e-4 && black.0 == black.1 && black.1 == black.2)
        // The base curve follows its formula, and its inverse undoes it.
        let base = FilmicCurve()
        #expect(abs(base(0.18) - 0.18) < 1e-5 && abs(base(1) - 1) < 1e-5)
        #expect(abs(base.inverse(base(0.05)) - 0.05) < 1e-5)
    }

    @Test("+Exposure brightens mean luminance, step by step; exposure is a gain in linear light")
    func exposure() {
        let means = [-2.0, -1, 0, 1, 2].map { render(DevelopAdjustments(exposure: $0)).meanLuma }
        for (darker, brighter) in zip(means, means.dropFirst()) { #expect(brighter > darker + 0.01) }
        // +1 EV on a scene equals the scene with its light doubled.
        var doubled = scene
        doubled.pixels = doubled.pixels.map { $0 * 2 }
        #expect(render(DevelopAdjustments(exposure: 1)).meanSquaredError(to: render(.zero, doubled)) < 1e-8)
    }

    @Test("-Highlights lowers the top percentiles more than the median; +Highlights raises them")
    func highlights() {
        let base = render(.zero), pulled = render(DevelopAdjustments(highlights: -100))
        let topDrop = base.lumaPercentile(0.95) - pulled.lumaPercentile(0.95)
        let medianDrop = base.lumaPercentile(0.5) - pulled.lumaPercentile(0.5)
        #expect(topDrop > 0.05)
        #expect(topDrop > 3 * max(medianDrop, 0))
        #expect(abs(pulled.lumaPercentile(0.05) - base.lumaPercentile(0.05)) < 1e-3)
        #expect(render(DevelopAdjustments(highlights: 100)).lumaPercentile(0.9) > base.lumaPercentile(0.9))
    }

    @Test("+Shadows lifts the low percentiles more than the median; -Shadows deepens them")
    func shadows() {
        let base = render(.zero), lifted = render(DevelopAdjustments(shadows: 100))
        let lowLift = lifted.lumaPercentile(0.2) - base.lumaPercentile(0.2)
        let medianLift = lifted.lumaPercentile(0.5) - base.lumaPercentile(0.5)
        #expect(lowLift > 0.05)
        #expect(lowLift > 1.5 * medianLift)
        #expect(abs(lifted.lumaPercentile(0.98) - base.lumaPercentile(0.98)) < 0.01)
        #expect(render(DevelopAdjustments(shadows: -100)).lumaPercentile(0.2) < base.lumaPercentile(0.2))
    }

    @Test("Contrast is an S-curve around middle grey")
    func contrast() {
        let grey = TestScenes.patch(0.18, 0.18, 0.18)
        let greyLevel = render(.zero, grey).pixel(0).0
        #expect(abs(render(DevelopAdjustments(contrast: 80), grey).pixel(0).0 - greyLevel) < 1e-3)
        let base = render(.zero), punchy = render(DevelopAdjustments(contrast: 60)), flat = render(DevelopAdjustments(contrast: -60))
        #expect(punchy.lumaPercentile(0.3) < base.lumaPercentile(0.3))
        #expect(punchy.lumaPercentile(0.85) > base.lumaPercentile(0.85))
        #expect(flat.lumaPercentile(0.3) > base.lumaPercentile(0.3))
        #expect(flat.lumaPercentile(0.85) < base.lumaPercentile(0.85))
    }

    @Test("Whites move the white point: + clips earlier, - keeps highlights below white")
    func whites() {
        let clip = TestScenes.patch(1, 1, 1), bright = TestScenes.patch(0.7, 0.7, 0.7)
        #expect(render(DevelopAdjustments(whites: -100), clip).pixel(0).0 < 0.95)
        #expect(render(.zero, bright).pixel(0).0 < 0.99)
        #expect(render(DevelopAdjustments(whites: 100), bright).pixel(0).0 > 0.999)
        // Mostly the top: the median moves much less than the 95th percentile.
        let base = render(.zero), raised = render(DevelopAdjustments(whites: 50))
        let topRise = raised.lumaPercentile(0.95) - base.lumaPercentile(0.95)
        #expect(topRise > 2 * (raised.lumaPercentile(0.4) - base.lumaPercentile(0.4)))
    }

    @Test("Blacks move the black point: - clips the darkest tones to black, + lifts them")
    func blacks() {
        let base = render(.zero), crushed = render(DevelopAdjustments(blacks: -100))
        let lifted = render(DevelopAdjustments(blacks: 100))
        let blackBefore = base.luma.filter { $0 <= 0.001 }.count, blackAfter = crushed.luma.filter { $0 <= 0.001 }.count
        #expect(blackAfter > blackBefore + 100)
        #expect(lifted.lumaPercentile(0.02) > base.lumaPercentile(0.02) + 0.1)
        let lowShift = lifted.lumaPercentile(0.1) - base.lumaPercentile(0.1)
        #expect(lowShift > 3 * (lifted.lumaPercentile(0.7) - base.lumaPercentile(0.7)))
    }

    @Test("Saturation -100 gives grey, +100 doubles chroma (within gamut); luminance is kept")
    func saturation() {
        let grey = render(DevelopAdjustments(saturation: -100))
        for index in 0..<(grey.width * grey.height) {
            let (r, g, b) = grey.pixel(index)
            #expect(abs(r - g) < 1e-5 && abs(g - b) < 1e-5)
        }
        let muted = TestScenes.patch(0.20, 0.17, 0.15)
        func chroma(_ adjustments: DevelopAdjustments) -> Float {
            let (r, g, b) = render(adjustments, muted).pixel(0)
            return max(r, g, b) - min(r, g, b)
        }
        #expect(chroma(DevelopAdjustments(saturation: 50)) > 1.3 * chroma(.zero))
        #expect(chroma(DevelopAdjustments(saturation: -50)) < 0.7 * chroma(.zero))
        let before = render(.zero, muted).luma[0], after = render(DevelopAdjustments(saturation: 60), muted).luma[0]
        #expect(abs(SRGBTransfer.decodeExtended(before) - SRGBTransfer.decodeExtended(after)) < 0.01)
    }

    @Test("Vibrance raises low-chroma pixels more than high-chroma ones and moves skin tones least")
    func vibrance() {
        func chromaGain(_ red: Float, _ green: Float, _ blue: Float) -> Float {
            let patch = TestScenes.patch(red, green, blue)
            func chroma(_ image: DisplayImage) -> Float {
                let (r, g, b) = image.pixel(0)
                return max(r, g, b) - min(r, g, b)
            }
            return chroma(render(DevelopAdjustments(vibrance: 80), patch)) / chroma(render(.zero, patch))
        }
        let mutedBlue = chromaGain(0.16, 0.18, 0.22), vividBlue = chromaGain(0.03, 0.10, 0.40)
        #expect(mutedBlue > 1.3)
        #expect(mutedBlue > vividBlue + 0.2)
        // A skin tone and a green of the same HSV saturation: the skin tone moves less.
        let skin = chromaGain(0.30, 0.19, 0.13), green = chromaGain(0.13, 0.30, 0.19)
        #expect(skin > 1)
        #expect(green - 1 > 2 * (skin - 1))
    }

    @Test("the tone curve never decreases, and strictly increases over the visible range")
    func monotonic() {
        var rng = SplitMix64(seed: 11)
        var cases: [DevelopAdjustments] = (0..<40).map { _ in
            var adjustments = DevelopAdjustments()
            for slider in DevelopAdjustments.Slider.allCases {
                adjustments[slider] = Double.random(in: slider.range, using: &rng)
            }
            return adjustments
        }
        cases.append(DevelopAdjustments(exposure: 5, contrast: 100, highlights: -100, shadows: 100, whites: -100, blacks: 100))
        cases.append(DevelopAdjustments(exposure: -5, contrast: -100, highlights: 100, shadows: -100, whites: 100, blacks: -100))
        for adjustments in cases {
            let curve = ToneCurve(adjustments)
            // Float cannot resolve the far toe and shoulder (nor a lifted black floor), so the
            // curve must rise strictly only 0.01 inside its own extremes and the 0…1 range, and
            // elsewhere never fall by more than rounding.
            let floor = max(curve.encodedUnclipped(stops: -20), 0) + 0.01
            let ceiling = min(curve.encodedUnclipped(stops: 10), 1) - 0.01
            var previous = -Float.infinity
            for step in 0...600 {
                let value = curve.encodedUnclipped(stops: -20 + Float(step) * 0.05)
                let visible = previous > floor && value < ceiling
                #expect(visible ? value > previous : value >= previous - 1e-6,
                        "not increasing for \(adjustments) at \(step): \(previous) -> \(value)")
                previous = value
            }
        }
    }

    @Test("every slider is smooth: one unit moves mean luminance little, in one direction")
    func smoothAndMonotoneInSlider() {
        for slider in [DevelopAdjustments.Slider.highlights, .shadows, .whites, .blacks] {
            var previous: Float = -1
            for value in stride(from: -100.0, through: 100, by: 25) {
                var adjustments = DevelopAdjustments()
                adjustments[slider] = value
                let mean = render(adjustments).meanLuma
                #expect(mean > previous, "\(slider) not increasing at \(value)")
                var nudged = adjustments
                nudged[slider] = value + 1
                #expect(abs(render(nudged).meanLuma - mean) < 0.01, "\(slider) jumps at \(value)")
                previous = mean
            }
        }
    }

    @Test("tone changes keep hue; 8-bit output rounds the float output")
    func hueAndEightBit() {
        let orange = TestScenes.patch(0.3, 0.15, 0.05)
        let dark = render(DevelopAdjustments(exposure: -1), orange).pixel(0)
        let light = render(DevelopAdjustments(exposure: 0.5, shadows: 40), orange).pixel(0)
        func hue(_ p: (Float, Float, Float)) -> Float {
            let l = (SRGBTransfer.decodeExtended(p.0), SRGBTransfer.decodeExtended(p.1), SRGBTransfer.decodeExtended(p.2))
            return (l.1 - l.2) / (l.0 - l.2)
        }
        #expect(abs(hue(dark) - hue(light)) < 0.02)
        let image = render(.zero)
        let bytes = image.rgb8()
        #expect(bytes.count == image.pixels.count)
        #expect(zip(bytes, image.pixels).allSatisfy { abs(Float($0) - $1 * 255) <= 0.5 })
        #expect(image.meanSquaredError(to: image) == 0)
        #expect(render(DevelopAdjustments(exposure: 0.3)).meanSquaredError(to: image) > 1e-4)
    }

    @Test("adjustments map to and from XMP property names, and clamp and round like Lightroom")
    func mapping() {
        let adjustments = DevelopAdjustments(exposure: 0.851, contrast: 12.4, highlights: -140, shadows: 55,
                                             whites: -37, blacks: 35, vibrance: 0, saturation: -38.6)
        let xmp = adjustments.xmpValues
        #expect(xmp["Exposure2012"] == 0.851 && xmp["Highlights2012"] == -140 && xmp.count == 8)
        #expect(DevelopAdjustments(xmpValues: xmp) == adjustments)
        let rounded = adjustments.clampedAndRounded()
        #expect(rounded.exposure == 0.85 && rounded.contrast == 12 && rounded.highlights == -100 && rounded.saturation == -39)
        #expect(DevelopAdjustments(xmpValues: ["Shadows2012": 20, "Temperature": 5000]) == DevelopAdjustments(shadows: 20))
    }
}
