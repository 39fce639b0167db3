import SeededRandom
// A dense Float32 array with a shape: what crosses module boundaries.

/// A dense, row-major array of `Float` with a shape.
///
/// The value type used at API boundaries (model inputs, safetensors contents). The model's own
/// parameters and activations live in flat buffers (`FlatBuffer`) with named views instead.
public struct Tensor: Equatable, Sendable {
    public var shape: [Int]
    public var data: [Float]

    /// Number of elements a shape holds.
    public static func count(of shape: [Int]) -> Int { shape.reduce(1, *) }

    public init(shape: [Int], data: [Float]) {
        precondition(Tensor.count(of: shape) == data.count, "Tensor: \(data.count) values for shape \(shape)")
        self.shape = shape
        self.data = data
    }

    public init(zeros shape: [Int]) {
        self.shape = shape
        self.data = [Float](repeating: 0, count: Tensor.count(of: shape))
    }

    /// A tensor of normal values (mean 0, standard deviation `std`) from `rng`.
    public init<G: RandomNumberGenerator>(randomNormal shape: [Int], std: Float = 1, using rng: inout G) {
        self.shape = shape
        self.data = (0..<Tensor.count(of: shape)).map { _ in Float(rng.nextGaussian()) * std }
    }

    public var count: Int { data.count }

    /// Stacks equally shaped tensors along a new leading axis.
    public static func stack(_ items: [Tensor]) -> Tensor {
        guard let first = items.first else { return Tensor(zeros: [0]) }
        precondition(items.allSatisfy { $0.shape == first.shape }, "Tensor.stack: shapes differ")
        var data = [Float]()
        data.reserveCapacity(first.count * items.count)
        for t in items { data.append(contentsOf: t.data) }
        return Tensor(shape: [items.count] + first.shape, data: data)
    }
}
