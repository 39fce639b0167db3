/// A planar, channel-major Float32 image: the network's input for one photo (3×size×size).
public struct ImageTensor: Sendable, Equatable {
    public let channels: Int
    public let height: Int
    public let width: Int
    /// `channels * height * width` values: channel c, row y, column x at `(c * height + y) * width + x`.
    public var values: [Float]

    public init(channels: Int, height: Int, width: Int, values: [Float]) {
        precondition(values.count == channels * height * width, "tensor values do not match its shape")
        self.channels = channels
        self.height = height
        self.width = width
        self.values = values
    }
}
