// One allocation holding many named tensors: the llm.c layout for parameters, gradients, activations.

/// Where a named tensor lives inside a flat buffer.
public struct TensorSlot: Equatable, Sendable {
    public let name: String
    public let shape: [Int]
    public let offset: Int
    public var count: Int { Tensor.count(of: shape) }
}

/// An ordered list of named shapes packed into one flat range, each start aligned to 16 elements.
public struct TensorLayout: Sendable, Equatable {
    public private(set) var slots: [TensorSlot] = []
    public private(set) var index: [String: Int] = [:]
    /// Total number of elements, including alignment padding.
    public private(set) var count: Int = 0

    public init() {}

    /// Appends a named shape and returns its slot. Names must be unique.
    @discardableResult
    public mutating func add(_ name: String, _ shape: [Int]) -> TensorSlot {
        precondition(index[name] == nil, "TensorLayout: duplicate name \(name)")
        let offset = (count + 15) & ~15
        let slot = TensorSlot(name: name, shape: shape, offset: offset)
        index[name] = slots.count
        slots.append(slot)
        count = offset + slot.count
        return slot
    }

    public subscript(name: String) -> TensorSlot? { index[name].map { slots[$0] } }
}

/// A 64-byte aligned, zero-initialised block of scalars that is never copied implicitly.
///
/// A class around a raw allocation, so handing it around never triggers copy-on-write and hot
/// loops work on plain pointers. Not thread-safe: one owner mutates it at a time.
public final class FlatBuffer<Scalar: TensorScalar> {
    public let count: Int
    public let pointer: UnsafeMutablePointer<Scalar>

    public init(count: Int) {
        self.count = count
        let bytes = max(count, 1) * MemoryLayout<Scalar>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)  // all-zero bits are 0.0
        pointer = raw.bindMemory(to: Scalar.self, capacity: max(count, 1))
    }

    deinit { pointer.deallocate() }

    /// Pointer to the view `slot`.
    @inline(__always) public func at(_ slot: TensorSlot) -> UnsafeMutablePointer<Scalar> { pointer + slot.offset }

    /// Sets every element to zero (a memset: all-zero bits are 0.0).
    public func zero() {
        UnsafeMutableRawPointer(pointer).initializeMemory(as: UInt8.self, repeating: 0, count: count * MemoryLayout<Scalar>.stride)
    }

    /// Copies the elements of `slot` out as an array.
    public func array(_ slot: TensorSlot) -> [Scalar] { Array(UnsafeBufferPointer(start: at(slot), count: slot.count)) }

    /// Overwrites the elements of `slot` with `values` (which must have `slot.count` elements).
    public func set(_ slot: TensorSlot, _ values: [Scalar]) {
        precondition(values.count == slot.count, "FlatBuffer.set: \(values.count) values for \(slot.name) \(slot.shape)")
        values.withUnsafeBufferPointer { at(slot).update(from: $0.baseAddress!, count: slot.count) }
    }

    public func copy(from other: FlatBuffer<Scalar>) {
        precondition(other.count == count)
        pointer.update(from: other.pointer, count: count)
    }
}
