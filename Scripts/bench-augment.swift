// Times the Training module's augmentations in a release build; run through Scripts/bench-augment.
import Foundation
import ImageIO
import Training

let photos = 20, epochs = 7
let space = LabelSpace.lightroomBasic
var imageGenerator = Xoshiro256StarStar(seed: 1)
let samples = (0..<photos).map { _ in
    TrainingSample(image: LinearImage(width: 224, height: 224,
                                      pixels: (0..<(224 * 224 * 3)).map { _ in Float(imageGenerator.nextUnitInterval()) }),
                   label: ScaledLabel(values: [0.17, 0.04, -0.57, 0.54, -0.31, 0.25, 0, -0.39]))
}

func seconds(_ work: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    work()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// One epoch: every photo's copies, each photo from its own stream, on one thread.
func epochSeconds(_ policy: AugmentationPolicy, epoch: Int) -> Double {
    var checksum: Float = 0
    let time = seconds {
        for (index, sample) in samples.enumerated() {
            for copy in policy.copies(of: sample, seed: 42, epoch: epoch, photo: index) { checksum += copy.image.pixels[1234] }
        }
    }
    precondition(checksum.isFinite)
    return time
}

let standard = AugmentationPolicy.standard(space: space)
let everything = AugmentationPolicy(steps: standard.steps.map { .init($0.augmentation, probability: 1) })
print("20 photos × 8 augmented copies (+ the original), 224×224, one thread unless said, median of \(epochs) epochs")
print()
print("| policy | seconds per epoch | ms per copy |")
print("|---|---|---|")
for (name, policy) in [("standard (default probabilities)", standard), ("every augmentation on every copy", everything)] {
    _ = epochSeconds(policy, epoch: -1)  // warm-up
    let time = median((0..<epochs).map { epochSeconds(policy, epoch: $0) })
    print("| \(name) | \(String(format: "%.3f", time)) | \(String(format: "%.2f", time * 1000 / Double(photos * 8))) |")
}
do {
    _ = standard.epoch(of: samples, seed: 42, epoch: -1, threads: 2)
    let time = median((0..<epochs).map { epoch in seconds { _ = standard.epoch(of: samples, seed: 42, epoch: epoch, threads: 2) } })
    print("| standard, `epoch(of:threads: 2)` | \(String(format: "%.3f", time)) | \(String(format: "%.2f", time * 1000 / Double(photos * 8))) |")
}
print()
print("| augmentation | ms per application (draw + apply) |")
print("|---|---|")
for step in standard.steps {
    var generator = Xoshiro256StarStar(seed: 9)
    let runs = (0..<epochs).map { _ in
        seconds { for sample in samples { _ = step.augmentation.augment(sample, using: &generator) } } / Double(photos)
    }
    print("| \(step.augmentation.name) | \(String(format: "%.2f", median(runs) * 1000)) |")
}
