// A caller-supplied loss gives the same gradients and update as the built-in MSE.
import SeededRandom
import Tensor
import ViT
import XCTest

final class CustomLossTests: XCTestCase {
    func testACustomMSEMatchesTheBuiltInOneAndUpdatesTheSame() throws {
        var rng = SeededGenerator(seed: 41)
        let images = randomImages(4, .micro, &rng)
        let targets = (0..<4).map { _ in (0..<8).map { _ in Float(rng.nextUnitInterval() - 0.5) } }
        func model() throws -> ViTModel {
            var init_ = SeededGenerator(seed: 42)
            return try ViTModel(config: .micro, outputs: eightOutputs, using: &init_)
        }
        let a = try model(), b = try model()
        let optA = a.makeOptimizer(), optB = b.makeOptimizer()
        var stepRNG = SeededGenerator(seed: 43)
        let builtIn = try a.trainStep(batch: images, targets: targets, optimizer: optA, learningRate: 1e-2,
                                      maxGradientNorm: 0.5, using: &stepRNG)
        let flat = targets.flatMap { $0 }
        let custom = try b.forwardBackward(batch: images, noiseSeed: 1) { y, dy in
            flat.withUnsafeBufferPointer { t in
                ViTLayers.mseLoss(y, targets: t.baseAddress!, weights: nil, dy: dy, batch: 4, outputs: 8)
            }
        }
        let norm = b.applyGradients(optimizer: optB, learningRate: 1e-2, maxGradientNorm: 0.5)
        XCTAssertEqual(custom, builtIn.loss)
        XCTAssertEqual(norm, builtIn.gradientNorm, accuracy: 1e-9)
        let pa = a.network.parameters, pb = b.network.parameters
        XCTAssertTrue(Array(UnsafeBufferPointer(start: pa.pointer, count: pa.count))
                      == Array(UnsafeBufferPointer(start: pb.pointer, count: pb.count)))
    }
}
