// Learning works: the micro model overfits a small set; a seeded run repeats bit for bit.
import SeededRandom
import Tensor
import ViT
import XCTest

final class ViTTrainingTests: XCTestCase {
    func data(seed: UInt64) -> (Tensor, [[Float]]) {
        var rng = SeededGenerator(seed: seed)
        let images = randomImages(16, .micro, &rng)
        let targets = (0..<16).map { _ in (0..<8).map { _ in Float(rng.nextUnitInterval() * 1.6 - 0.8) } }
        return (images, targets)
    }

    func testMicroModelOverfitsSixteenImages() throws {
        let (images, targets) = data(seed: 31)
        var rng = SeededGenerator(seed: 32)
        let model = try ViTModel(config: .micro, outputs: eightOutputs, using: &rng)
        let optimizer = model.makeOptimizer(weightDecay: 0)
        let steps = 250
        let schedule = LearningRateSchedule(peak: 1e-2, warmupSteps: 20, totalSteps: steps, minimum: 1e-4)
        let first = try model.loss(batch: images, targets: targets)
        var last = TrainStepResult(loss: .infinity, gradientNorm: 0)
        for step in 0..<steps {
            last = try model.trainStep(batch: images, targets: targets, optimizer: optimizer, learningRate: schedule.rate(at: step),
                                       maxGradientNorm: 1, using: &rng)
            XCTAssertTrue(last.loss.isFinite)
        }
        let final = try model.loss(batch: images, targets: targets)
        XCTAssertGreaterThan(first, 0.1, "random targets start far away")
        XCTAssertLessThan(final, 1e-3, "started at \(first), last step \(last.loss)")
        XCTAssertEqual(optimizer.step, steps)
    }

    /// Same seeds → the same parameters bit for bit, dropout and stochastic depth included.
    func testSeededRunIsRepeatable() throws {
        let (images, targets) = data(seed: 33)
        func run(seed: UInt64) throws -> [Float] {
            var rng = SeededGenerator(seed: seed)
            let model = try ViTModel(config: .micro, outputs: eightOutputs, using: &rng)
            let optimizer = model.makeOptimizer()
            for _ in 0..<8 {
                _ = try model.trainStep(batch: images, targets: targets, weights: [2, 1, 1, 1, 1, 1, 0.5, 0.5],
                                        optimizer: optimizer, learningRate: 3e-3, maxGradientNorm: 1,
                                        regularization: Regularization(dropout: 0.1, dropPath: 0.1), using: &rng)
            }
            let p = model.network.parameters
            return Array(UnsafeBufferPointer(start: p.pointer, count: p.count))
        }
        let a = try run(seed: 7), b = try run(seed: 7), c = try run(seed: 8)
        XCTAssertTrue(a == b, "same seed, same bits")
        XCTAssertFalse(a == c)
    }

    /// Two accumulated half batches give twice the full batch's gradient (each half is its own mean).
    func testGradientAccumulation() throws {
        let (images, targets) = data(seed: 37)
        var rng = SeededGenerator(seed: 38)
        let model = try ViTModel(config: .micro, outputs: eightOutputs, using: &rng)
        _ = try model.forwardBackward(batch: images, targets: targets, using: &rng)
        let g = model.network.gradients!
        let full = Array(UnsafeBufferPointer(start: g.pointer, count: g.count))
        let per = ViTConfig.micro.inputCount
        for (i, half) in [0..<8, 8..<16].enumerated() {
            let x = Tensor(shape: [8, 3, 32, 32], data: Array(images.data[(half.lowerBound * per)..<(half.upperBound * per)]))
            _ = try model.forwardBackward(batch: x, targets: Array(targets[half]), accumulate: i == 1, using: &rng)
        }
        let summed = Array(UnsafeBufferPointer(start: g.pointer, count: g.count))
        for (a, b) in zip(summed, full) { XCTAssertEqual(a, 2 * b, accuracy: 1e-5 + 1e-3 * abs(b)) }
        let optimizer = model.makeOptimizer()
        let norm = model.applyGradients(optimizer: optimizer, learningRate: 1e-3, maxGradientNorm: 0.5)
        XCTAssertGreaterThan(norm, 0)
        XCTAssertEqual(GradientClipping.globalNorm(g), min(norm, 0.5), accuracy: 1e-4)
        XCTAssertEqual(optimizer.step, 1)
    }

    func testFreezingTrainsOnlyTheSuffix() throws {
        let (images, targets) = data(seed: 34)
        var rng = SeededGenerator(seed: 35)
        let model = try ViTModel(config: .micro, outputs: eightOutputs, using: &rng)
        model.freezing = .headOnly
        let p = model.network.parameters
        let before = Array(UnsafeBufferPointer(start: p.pointer, count: p.count))
        let optimizer = model.makeOptimizer()
        for _ in 0..<3 {
            _ = try model.trainStep(batch: images, targets: targets, optimizer: optimizer, learningRate: 1e-2, using: &rng)
        }
        let after = Array(UnsafeBufferPointer(start: p.pointer, count: p.count))
        let head = model.network.slots.headWeight.offset
        XCTAssertEqual(Array(before[..<head]), Array(after[..<head]))
        XCTAssertNotEqual(Array(before[head...]), Array(after[head...]))
    }

    func testBadInputsAreRejected() throws {
        var rng = SeededGenerator(seed: 36)
        let model = try ViTModel(config: .micro, outputs: eightOutputs, using: &rng)
        XCTAssertThrowsError(try model.predict(batch: Tensor(zeros: [1, 3, 224, 224])))
        var nan = Tensor(zeros: [1, 3, 32, 32])
        nan.data[5] = .nan
        XCTAssertThrowsError(try model.predict(batch: nan))
        let ok = Tensor(zeros: [2, 3, 32, 32])
        XCTAssertThrowsError(try model.forwardBackward(batch: ok, targets: [[0]], using: &rng))
        XCTAssertThrowsError(try model.forwardBackward(batch: ok, targets: [[Float]](repeating: [0, 0, 0, 0, 0, 0, 0, 0], count: 2),
                                                       weights: [0, 0, 0, 0, 0, 0, 0, 0], using: &rng))
        XCTAssertThrowsError(try ViTModel(config: ViTConfig(dim: 10, depth: 1, heads: 3, mlpDim: 4), outputs: eightOutputs, using: &rng))
        XCTAssertEqual(try model.predict(batch: ok).map(\.count), [8, 8])
        XCTAssertEqual(try model.embedding(batch: ok).map(\.count), [16, 16])
    }

    func testPresets() {
        XCTAssertEqual(ViTConfig.preset(named: "tiny"), ViTConfig(dim: 192, depth: 12, heads: 3, mlpDim: 768))
        XCTAssertEqual(ViTConfig.preset(named: "Base")?.heads, 12)
        XCTAssertNil(ViTConfig.preset(named: "huge"))
        XCTAssertEqual(ViTConfig.base.tokens, 197)
        // timm's vit_base_patch16_224 has 86,567,656 parameters with 1000 classes; 8 outputs instead:
        let base = ViTParameterLayout(config: .base, outputs: 8).layout.slots.reduce(0) { $0 + $1.count }
        XCTAssertEqual(base, 86_567_656 - (768 * 1000 + 1000) + (768 * 8 + 8))
    }
}
