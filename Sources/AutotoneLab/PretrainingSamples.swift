import Develop
import Dispatch
import Foundation
import ImageIO
import SyntheticRAW
import SeededRandom
import Training

/// Pretraining data, made on the fly: sample n is a random crop of a scene (zoom, aspect,
/// mirror), made RAW-like with `RawLikeRecipe.random` (as `make-shoot` does), captured by the
/// synthetic sensor at a random ISO and decoded as AutoTone's decoder decodes a DNG
/// (`halfSizeDecode`), then shrunk as `predict` shrinks. Its label is the style's solved
/// settings: the solver's exact answer, without a human hand's noise, so the network learns the
/// style rather than the noise. With `proceduralShare`, some samples start instead from a
/// `ProceduralScene` (scene-linear already, so only an exposure error is applied); with
/// `relightShare`, some photographs' crops are relit first (`Relighting`). Sample n
/// depends only on the seed and n: a resumed run sees the same data, and nothing has to be stored.
struct PretrainingSamples: Sendable {
    let scenes: [LinearImage]
    /// The styles the samples are labelled in (one: a plain single-style head).
    let heads: StyleHeads
    let space: LabelSpace
    let preprocessor: Preprocessor
    let seed: UInt64
    /// Share of the samples (0…1) made from a `ProceduralScene` instead of a photograph; 0
    /// draws nothing for it, so runs without procedural scenes keep their samples bit for bit.
    var proceduralShare = 0.0
    /// Share of the photographs' samples (0…1) put under new light (`Relighting`) before they are
    /// made RAW-like; 0 draws nothing for it, so runs without it keep their samples bit for bit.
    var relightShare = 0.0
    /// Size of a procedural scene before its crop: that of the photographs' scenes.
    var proceduralSize = (width: 672, height: 448)

    /// Crop shapes (width ÷ height) and how often each is drawn: mostly landscape 3:2 like the
    /// sample shoot, some 4:3 and square, some portrait 2:3.
    static let aspects: [(ratio: Double, weight: Double)] = [(1.5, 0.55), (4.0 / 3, 0.2), (1, 0.1), (2.0 / 3, 0.15)]
    static let mirror = SquareSymmetry(isMirrored: true, quarterTurns: 0)
    static let isos: [Double] = [100, 200, 400, 800, 1600, 3200]

    /// Sample `number` and its mirror image. The solver's targets are statistics of the whole
    /// frame, so the mirror has the same label: two samples for one solve (the costly part).
    func pair(_ number: Int) -> [TrainingSample] {
        let sample = sample(number)
        return [sample, TrainingSample(image: Self.mirror.apply(to: sample.image), label: sample.label)]
    }

    /// The samples numbered `numbers`, each followed by its mirror image, made on `threads`
    /// threads; with `mainStyleOnly`, labelled in the main style alone (what ships).
    func pairs(_ numbers: [Int], threads: Int, mainStyleOnly: Bool = false) -> [TrainingSample] {
        var result = [[TrainingSample]?](repeating: nil, count: numbers.count)
        result.withUnsafeMutableBufferPointer { buffer in
            // Each index writes only its own slot.
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: threads) { worker in
                for index in stride(from: worker, to: numbers.count, by: threads) {
                    output[index] = pair(numbers[index])
                }
            }
        }
        let made = result.flatMap { $0! }
        guard mainStyleOnly, heads.styleCount > 1 else { return made }
        return made.map { TrainingSample(image: $0.image, label: StyleHeads.mainOnly($0.label)) }
    }

    func sample(_ number: Int) -> TrainingSample {
        var rng = Xoshiro256StarStar(seed: seed, stream: [UInt64(number), 0x9E7_4A1])
        let raw: LinearImage
        if proceduralShare > 0, rng.nextUnitInterval() < proceduralShare {
            // Already scene-linear: only the exposure is missed, as by a camera's meter.
            let scene = ProceduralScene.random(width: proceduralSize.width, height: proceduralSize.height, using: &rng)
            let gain = Float(exp2(RawLikeRecipe.random(using: &rng).exposureError))
            var crop = Self.crop(scene, using: &rng)
            for index in crop.pixels.indices { crop.pixels[index] *= gain }
            raw = crop
        } else {
            let scene = scenes[rng.nextIndex(below: scenes.count)]
            var crop = Self.crop(scene, using: &rng)
            if relightShare > 0, rng.nextUnitInterval() < relightShare {
                crop = Relighting.random(using: &rng).apply(to: crop)
            }
            raw = RawLikeRecipe.random(using: &rng).apply(toDisplayLinear: crop)
        }
        var sensor = SyntheticSensor()
        sensor.iso = Self.isos[rng.nextIndex(below: Self.isos.count)]
        let decoded = sensor.halfSizeDecode(sensor.capture(raw, using: &rng))
        // One other style per sample (drawn only when there are others, so single-style runs keep
        // their samples bit for bit).
        let other = heads.styleCount > 1 ? 1 + rng.nextIndex(below: heads.styleCount - 1) : nil
        let label = heads.label(raw, other: other, space: space)
        return TrainingSample(image: preprocessor.shrink(decoded), label: label)
    }

    /// A random crop (50–100 % of the largest crop of its shape), mirrored half the time, with
    /// even sides (whole Bayer blocks).
    static func crop(_ scene: LinearImage, using rng: inout Xoshiro256StarStar) -> LinearImage {
        var draw = rng.nextUnitInterval() * aspects.map(\.weight).reduce(0, +)
        var ratio = aspects[0].ratio
        for aspect in aspects {
            ratio = aspect.ratio
            draw -= aspect.weight
            if draw < 0 { break }
        }
        let largestWidth = min(Double(scene.width), Double(scene.height) * ratio)
        let zoom = rng.nextUniform(in: 0.5...1)
        let width = max(2, Int(largestWidth * zoom / 2) * 2)
        let height = max(2, min(scene.height, Int(Double(width) / ratio / 2) * 2))
        let left = rng.nextIndex(below: scene.width - width + 1)
        let top = rng.nextIndex(below: scene.height - height + 1)
        let mirrored = rng.nextUnitInterval() < 0.5
        var pixels = [Float](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let source = ((top + y) * scene.width + left + (mirrored ? width - 1 - x : x)) * 3
                let target = (y * width + x) * 3
                for c in 0..<3 { pixels[target + c] = scene.pixels[source + c] }
            }
        }
        return LinearImage(width: width, height: height, pixels: pixels)
    }
}
