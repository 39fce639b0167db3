import SeededRandom
import Dispatch

/// Which augmentations a training run uses, how often, and how many augmented copies of each
/// photo an epoch sees.
///
/// Each copy goes through the steps in order, each step applied with its probability, its
/// parameters drawn fresh. Everything random comes from the generator passed in, so a seed
/// gives the same copies; `copies(of:seed:epoch:photo:)` derives a generator per photo and
/// epoch so that photos augmented on different threads get the same copies in any order.
public struct AugmentationPolicy: Sendable {
    public struct Step: Sendable {
        public var augmentation: any Augmentation
        /// Chance that a copy gets this augmentation, 0…1.
        public var probability: Double

        public init(_ augmentation: any Augmentation, probability: Double) {
            precondition((0...1).contains(probability), "a probability lies in 0…1")
            self.augmentation = augmentation
            self.probability = probability
        }
    }

    public var steps: [Step]
    /// Augmented copies per photo and epoch (the seed project's 8).
    public var copiesPerPhoto: Int
    /// Whether the unchanged photo comes first, before its augmented copies.
    public var includesOriginal: Bool

    public init(steps: [Step], copiesPerPhoto: Int = 8, includesOriginal: Bool = true) {
        precondition(copiesPerPhoto >= 0, "copiesPerPhoto must not be negative")
        self.steps = steps
        self.copiesPerPhoto = copiesPerPhoto
        self.includesOriginal = includesOriginal
    }

    /// The default policy: the seed project's seven augmentations plus the exposure shift.
    /// The probabilities are starting points, not tuned values: geometry freely, the exposure
    /// shift on half the copies, the heavier distortions on a few.
    public static func standard(space: LabelSpace, copiesPerPhoto: Int = 8) -> AugmentationPolicy {
        AugmentationPolicy(steps: [
            Step(SymmetryAugmentation(), probability: 0.5),
            Step(ResizedCropAugmentation(), probability: 0.5),
            Step(PerspectiveAugmentation(), probability: 0.3),
            Step(ElasticAugmentation(), probability: 0.2),
            Step(QuadrantRotationAugmentation(), probability: 0.1),
            Step(GaussianBlurAugmentation(), probability: 0.2),
            Step(GridMaskAugmentation(), probability: 0.2),
            Step(ExposureShiftAugmentation(space: space), probability: 0.5),
        ], copiesPerPhoto: copiesPerPhoto)
    }

    /// Samples per photo and epoch: the augmented copies, plus the original if included.
    public var samplesPerPhoto: Int { copiesPerPhoto + (includesOriginal ? 1 : 0) }

    /// One augmented copy of `sample`. O(steps applied × pixels).
    public func augment(_ sample: TrainingSample, using generator: inout some RandomNumberGenerator) -> TrainingSample {
        var result = sample
        for step in steps where generator.nextBernoulli(step.probability) {
            result = step.augmentation.augment(result, using: &generator)
        }
        return result
    }

    /// The original (if included) then `copiesPerPhoto` augmented copies of `sample`.
    public func copies(of sample: TrainingSample, using generator: inout some RandomNumberGenerator) -> [TrainingSample] {
        var result: [TrainingSample] = includesOriginal ? [sample] : []
        for _ in 0..<copiesPerPhoto {
            result.append(augment(sample, using: &generator))
        }
        return result
    }

    /// The copies of photo number `photo` in epoch `epoch` of a run seeded with `seed`, from a
    /// generator of their own: the same whichever thread or order they are made in.
    public func copies(of sample: TrainingSample, seed: UInt64, epoch: Int, photo: Int) -> [TrainingSample] {
        var generator = Xoshiro256StarStar(seed: seed, stream: [UInt64(bitPattern: Int64(epoch)), UInt64(bitPattern: Int64(photo))])
        return copies(of: sample, using: &generator)
    }

    /// Every photo's samples for one epoch, photo by photo (photo i's `samplesPerPhoto` samples
    /// start at i × samplesPerPhoto), made on up to `threads` threads. Each photo draws from its
    /// own stream, so the result is the same for any number of threads. O(photos × copies × pixels).
    public func epoch(of samples: [TrainingSample], seed: UInt64, epoch: Int, threads: Int = 2) -> [TrainingSample] {
        precondition(threads >= 1, "at least one thread")
        let perPhoto = samplesPerPhoto
        var slots = [TrainingSample?](repeating: nil, count: samples.count * perPhoto)
        slots.withUnsafeMutableBufferPointer { buffer in
            // Each photo writes only its own slots, so the threads never touch the same element.
            nonisolated(unsafe) let output = buffer
            let workers = min(threads, max(samples.count, 1))
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for photo in stride(from: worker, to: samples.count, by: workers) {
                    for (offset, copy) in copies(of: samples[photo], seed: seed, epoch: epoch, photo: photo).enumerated() {
                        output[photo * perPhoto + offset] = copy
                    }
                }
            }
        }
        return slots.map { $0! }
    }
}
