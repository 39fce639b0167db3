import ImageIO

/// What augmentation works on: a photo shrunk to the network's size in linear light (the tensor
/// cache's stage, before the tone curve) and its scaled label.
public struct TrainingSample: Sendable, Equatable {
    public var image: LinearImage
    public var label: ScaledLabel

    public init(image: LinearImage, label: ScaledLabel) {
        self.image = image
        self.label = label
    }
}
