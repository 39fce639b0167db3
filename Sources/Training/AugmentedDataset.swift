import SeededRandom
import Foundation
import ImageIO

/// The third layer of training data: the training side of a split, augmented and with smoothed
/// labels, made fresh for each epoch; and the validation side, untouched.
///
/// It only reads the layers below (images and labels are copied in, never changed). Each epoch
/// draws from streams derived from the seed and the epoch's number, so epoch e is the same
/// whether a run gets there directly or resumes from a checkpoint, and on any number of threads.
/// Validation samples keep their original label and image: they are never smoothed, noised or
/// augmented.
public struct AugmentedDataset: Sendable {
    public let images: [LinearImage]
    /// Every photo's label as read (validation and training).
    public let labels: [ScaledLabel]
    public let captureTimes: [Date?]
    public let split: CaptureTimeSplit
    public let space: LabelSpace
    public let policy: AugmentationPolicy
    public let smoothing: LabelSmoothing
    public let seed: UInt64

    public init(images: [LinearImage], labels: [ScaledLabel], captureTimes: [Date?], split: CaptureTimeSplit,
                space: LabelSpace, policy: AugmentationPolicy, smoothing: LabelSmoothing = .identity, seed: UInt64) {
        precondition(images.count == labels.count && labels.count == captureTimes.count, "one label and time per image")
        self.images = images
        self.labels = labels
        self.captureTimes = captureTimes
        self.split = split
        self.space = space
        self.policy = policy
        self.smoothing = smoothing
        self.seed = seed
    }

    /// Samples an epoch of training sees.
    public var samplesPerEpoch: Int { split.training.count * policy.samplesPerPhoto }

    /// The training labels of epoch `epoch`: filtered in capture order, with fresh noise.
    public func trainingLabels(epoch: Int) -> TrainingLabels {
        var generator = Xoshiro256StarStar(seed: seed, stream: [UInt64(epoch), 0x1AB_E15, 0x5EED])
        return smoothing.trainingLabels(of: split, labels: labels, captureTimes: captureTimes, space: space, using: &generator)
    }

    /// Epoch `epoch`'s training samples: per training photo, the original (if the policy keeps
    /// it) and its augmented copies, photo by photo. O(photos × copies × pixels) on `threads`.
    public func epoch(_ epoch: Int, threads: Int = 2) -> [TrainingSample] {
        let smoothed = trainingLabels(epoch: epoch)
        let samples = zip(smoothed.indices, smoothed.labels).map { TrainingSample(image: images[$0], label: $1) }
        return policy.epoch(of: samples, seed: seed, epoch: epoch, threads: threads)
    }

    /// The validation photos as they are: original images, labels exactly as read.
    public var validationSamples: [TrainingSample] {
        split.validation.map { TrainingSample(image: images[$0], label: labels[$0]) }
    }
}
