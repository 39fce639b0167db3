import Foundation
import ImageIO

/// Finds the eight settings with which a photo, rendered by ``DevelopRenderer``, best meets a
/// ``Style``'s targets: a reference "auto" button with taste.
///
/// Works on a copy whose longer side is `workingSide` pixels. Two deterministic pattern
/// searches: first the six tone sliders against the luma targets (cheap: statistics come from
/// a luminance histogram through the monotonic tone curve), then Vibrance and Saturation against
/// the colour target on the tone-mapped copy. Habits pull sliders that the targets leave free.
/// Noise is *not* added here; see ``Style/humanised(_:using:)``.
public struct AutoAdjustSolver: Sendable {
    public let style: Style
    public var workingSide: Int

    public init(style: Style, workingSide: Int = 64) {
        self.style = style
        self.workingSide = workingSide
    }

    /// The solved settings, rounded to Lightroom's steps. Deterministic.
    public func solve(_ image: LinearImage) -> DevelopAdjustments {
        let small = image.areaDownsampled(maxSide: workingSide)
        var adjustments = solveTone(small)
        let colour = solveColour(small, tone: adjustments)
        adjustments.vibrance = colour.vibrance
        adjustments.saturation = colour.saturation
        return adjustments.clampedAndRounded()
    }

    // MARK: Tone

    static let toneSliders: [DevelopAdjustments.Slider] = [.exposure, .contrast, .highlights, .shadows, .whites, .blacks]

    func solveTone(_ small: LinearImage) -> DevelopAdjustments {
        let stops = (0..<(small.width * small.height)).map { index in
            ToneTable.stops(luminance: luminance(max(small.pixels[index * 3], 0), max(small.pixels[index * 3 + 1], 0),
                                                 max(small.pixels[index * 3 + 2], 0)))
        }
        let histogram = LuminanceHistogram(stops: stops)
        let aim = ToneAim(style.targets, own: histogram.statistics(under: ToneCurve(DevelopAdjustments())))
        let sliders = Self.toneSliders
        let search = PatternSearch(
            steps: sliders.map { $0 == .exposure ? 1 : 40 },
            minimumSteps: sliders.map { $0 == .exposure ? 0.01 : 0.5 },
            bounds: sliders.map { $0 == .exposure ? -4.5...4.5 : $0.range })
        let start = sliders.map { style.habits[$0]?.value ?? 0 }
        let result = search.minimise(from: start) { values in
            var adjustments = DevelopAdjustments()
            for (slider, value) in zip(sliders, values) { adjustments[slider] = value }
            return toneCost(histogram.statistics(under: ToneCurve(adjustments)), aim: aim) + habitCost(adjustments, sliders)
        }
        var adjustments = DevelopAdjustments()
        for (slider, value) in zip(sliders, result.point) { adjustments[slider] = value }
        return adjustments
    }

    /// The style's tone targets for one photo: brightness, contrast, shadow floor and black-clip
    /// allowance moved toward the photo's own (its statistics at zero settings) by `keyRetention`.
    struct ToneAim {
        var brightness: Double
        var contrast: Double
        var shadowFloor: Double
        var blackClipAllowance: Double
        /// Where the `hdr` taste pulls the 10th and 90th percentiles.
        var hdrFloor: Double
        var hdrCeiling: Double

        init(_ targets: Style.Targets, own: ToneStatistics) {
            let k = targets.keyRetention ?? 0
            // Geometric blend of the style's value and the photo's own.
            func kept(_ target: Double, _ own: Double) -> Double {
                k > 0 ? exp((1 - k) * log(target) + k * log(max(own, 0.005))) : target
            }
            brightness = kept(targets.middleGrey, own.mean)
            contrast = kept(targets.contrast, own.standardDeviation)
            shadowFloor = min(targets.shadowFloor, kept(targets.shadowFloor, own.p2))
            // What was black at zero settings may stay black.
            blackClipAllowance = k > 0 ? max(targets.blackClipAllowance, own.blackClipFraction) : targets.blackClipAllowance
            hdrFloor = min(0.45 * brightness, kept(0.45 * brightness, own.p10))
            hdrCeiling = brightness + 0.6 * (1 - brightness)
        }
    }

    /// How far the rendered luma statistics are from the style's targets for this photo (`aim`),
    /// squared, in units of what a photographer would notice: about 0.015 of luma.
    func toneCost(_ stats: ToneStatistics, aim: ToneAim) -> Double {
        let t = style.targets
        func square(_ x: Double) -> Double { x * x }
        var cost = square((stats.mean - aim.brightness) / 0.015)
        cost += square((stats.standardDeviation - aim.contrast) / 0.03)
        cost += square(max(0, stats.whiteClipFraction - t.whiteClipAllowance) / 0.004)
        cost += square(max(0, stats.blackClipFraction - aim.blackClipAllowance) / 0.004)
        cost += square(max(0, stats.p98 - t.highlightCeiling) / 0.015)
        cost += square(max(0, aim.shadowFloor - stats.p2) / 0.015)
        cost += t.hdr * (square(max(0, aim.hdrFloor - stats.p10) / 0.02) + square(max(0, stats.p90 - aim.hdrCeiling) / 0.02))
        return cost
    }

    /// The habits' pull, plus a faint pull of every slider toward 0 so that free sliders rest.
    func habitCost(_ adjustments: DevelopAdjustments, _ sliders: [DevelopAdjustments.Slider]) -> Double {
        var cost = 0.0
        for slider in sliders {
            let scale = slider == .exposure ? 1.0 : 100.0
            let value = adjustments[slider] / scale
            cost += 0.2 * value * value
            if let habit = style.habits[slider] {
                let distance = value - habit.value / scale
                cost += habit.weight * distance * distance
            }
        }
        return cost
    }

    // MARK: Colour

    func solveColour(_ small: LinearImage, tone: DevelopAdjustments) -> (vibrance: Double, saturation: Double) {
        let curve = ToneCurve(tone)
        // Display-linear, tone-mapped pixels: the colour sliders act on these.
        var mapped: [(Float, Float, Float, Float)] = []
        mapped.reserveCapacity(small.width * small.height)
        for index in 0..<(small.width * small.height) {
            let red = max(small.pixels[index * 3], 0), green = max(small.pixels[index * 3 + 1], 0)
            let blue = max(small.pixels[index * 3 + 2], 0)
            let sceneLuma = luminance(red, green, blue)
            let displayLuma = curve.displayLuminance(scene: sceneLuma)
            guard sceneLuma > ToneCurve.floorLuminance else { continue }
            let ratio = displayLuma / sceneLuma
            let fitted = ColourAdjustment.fitToGamut(
                luma: displayLuma, red * ratio - displayLuma, green * ratio - displayLuma, blue * ratio - displayLuma,
                factor: 1)
            mapped.append((fitted.0, fitted.1, fitted.2, displayLuma))
        }
        guard !mapped.isEmpty else { return (0, 0) }
        func chroma(_ vibrance: Double, _ saturation: Double) -> Double {
            let colour = ColourAdjustment(DevelopAdjustments(vibrance: vibrance, saturation: saturation))
            var sum = 0.0
            for pixel in mapped {
                let rgb = colour.apply(pixel.0, pixel.1, pixel.2, luma: pixel.3)
                // The encoding rises monotonically, so the spread of the encoded channels is the
                // encoded spread of the extremes: two powf per pixel instead of three.
                let high = SRGBTransfer.encodeExtended(max(rgb.0, rgb.1, rgb.2))
                let low = SRGBTransfer.encodeExtended(min(rgb.0, rgb.1, rgb.2))
                sum += Double(high - low)
            }
            return sum / Double(mapped.count)
        }
        let t = style.targets
        let own = chroma(0, 0)
        // The aim blends the photo's own colourfulness with the style's, geometrically, and
        // never asks for more than +0.5 or −0.7 in log chroma: nobody saturates fog to +100.
        let blended = t.colourNormalisation * (log(t.colourIntensity + 0.01) - log(own + 0.01))
        let aim = (own + 0.01) * exp(min(max(blended, -0.7), 0.5))
        let sliders: [DevelopAdjustments.Slider] = [.vibrance, .saturation]
        let search = PatternSearch(steps: [40, 40], minimumSteps: [0.5, 0.5], bounds: [-100...100, -100...100])
        let start = sliders.map { style.habits[$0]?.value ?? 0 }
        // On a nearly grey photo (fog, black and white, sensor noise) colour hardly matters to
        // anyone: the aim fades out and habits decide.
        let care = own / (own + 0.03)
        let result = search.minimise(from: start) { values in
            let miss = (log(chroma(values[0], values[1]) + 0.01) - log(aim)) / 0.08
            return care * miss * miss + habitCost(DevelopAdjustments(vibrance: values[0], saturation: values[1]), sliders)
        }
        return (result.point[0], result.point[1])
    }
}
