// The whole micro model's backward against central differences in Double, every parameter.
import SeededRandom
import Tensor
import ViT
import XCTest

final class ModelGradientTests: XCTestCase {
    let batch = 2, outputs = 3

    /// A Double micro network with weights large enough for every gradient to matter.
    func makeNetwork(seed: UInt64) throws -> (ViTNetwork<Double>, FlatBuffer<Double>, FlatBuffer<Double>) {
        func random(_ n: Int, _ rng: inout SeededGenerator, scale: Double = 1) -> FlatBuffer<Double> {
            let b = FlatBuffer<Double>(count: n)
            for i in 0..<n { b.pointer[i] = rng.nextGaussian() * scale }
            return b
        }
        var rng = SeededGenerator(seed: seed)
        let net = try ViTNetwork<Double>(config: .micro, outputs: outputs, using: &rng)
        for slot in net.layout.slots {
            let p = net.parameters.at(slot)
            let isNormWeight = slot.name.hasSuffix("norm1.weight") || slot.name.hasSuffix("norm2.weight") || slot.name == "norm.weight"
            let scale = slot.name.hasPrefix("patch_embed.proj.weight") ? 0.05 : 0.3
            for i in 0..<slot.count { p[i] = (isNormWeight ? 1 : 0) + rng.nextGaussian() * scale }
        }
        let input = random(batch * ViTConfig.micro.inputCount, &rng)
        let targets = random(batch * outputs, &rng, scale: 0.5)
        return (net, input, targets)
    }

    func loss(_ net: ViTNetwork<Double>, _ input: FlatBuffer<Double>, _ targets: FlatBuffer<Double>,
              _ reg: Regularization = .none, dy: UnsafeMutablePointer<Double>? = nil) -> Double {
        var rng = SeededGenerator(seed: 5)  // the same dropout masks on every call (some branches dropped, none for every sample)
        let y = net.forward(input.pointer, batch: batch, training: true, regularization: reg, using: &rng)
        return ViTLayers.mseLoss(y, targets: targets.pointer, weights: [1, 2, 0.5], dy: dy, batch: batch, outputs: outputs)
    }

    func gradients(_ net: ViTNetwork<Double>, _ input: FlatBuffer<Double>, _ targets: FlatBuffer<Double>,
                   _ reg: Regularization = .none) -> FlatBuffer<Double> {
        var dy = [Double](repeating: 0, count: batch * outputs)
        _ = loss(net, input, targets, reg, dy: &dy)
        net.backward(doutputs: dy)
        let copy = FlatBuffer<Double>(count: net.parameters.count)
        copy.copy(from: net.gradients!)
        return copy
    }

    func testEveryParameterOfTheMicroModel() throws {
        let (net, input, targets) = try makeNetwork(seed: 21)
        let g = gradients(net, input, targets)
        XCTAssertGreaterThan(net.parameterCount, 10_000)
        withExtendedLifetime(g) {
            for slot in net.layout.slots {
                checkGradient(slot.name, net.parameters.at(slot), slot.count, analytic: g.at(slot), tolerance: 1e-5, floor: 1e-3) {
                    loss(net, input, targets)
                }
            }
        }
    }

    func testWithDropoutAndStochasticDepth() throws {
        let (net, input, targets) = try makeNetwork(seed: 22)
        let reg = Regularization(dropout: 0.2, dropPath: 0.3)
        let g = gradients(net, input, targets, reg)
        XCTAssertNotEqual(loss(net, input, targets, reg), loss(net, input, targets), "the noise changes the loss")
        withExtendedLifetime(g) {
            for slot in net.layout.slots where !slot.name.hasPrefix("patch_embed.proj.weight") {
                checkGradient(slot.name, net.parameters.at(slot), slot.count, analytic: g.at(slot), tolerance: 1e-5, floor: 1e-3) {
                    loss(net, input, targets, reg)
                }
            }
        }
    }

    /// Frozen parameters get zero gradients; the trainable suffix gets exactly the full gradients.
    func testFreezingKeepsTheTrainableGradients() throws {
        let (net, input, targets) = try makeNetwork(seed: 23)
        let full = gradients(net, input, targets)
        for freezing in [Freezing.headOnly, .lastBlocks(1), .lastBlocks(2), .lastBlocks(0)] {
            net.freezing = freezing
            let g = gradients(net, input, targets)
            let start = net.slots.trainableStart(freezing)
            XCTAssertGreaterThan(start, 0)
            for slot in net.layout.slots {
                let a = g.array(slot), b = full.array(slot)
                if slot.offset >= start {
                    XCTAssertEqual(a, b, "\(freezing) \(slot.name)")
                } else {
                    XCTAssertTrue(a.allSatisfy { $0 == 0 }, "\(freezing) \(slot.name) should be frozen")
                }
            }
        }
        XCTAssertEqual(net.slots.trainableStart(.headOnly), net.slots.headWeight.offset)
        XCTAssertEqual(net.slots.trainableStart(.lastBlocks(1)), net.slots.blocks[1].norm1Weight.offset)
    }

    /// Inference (one reused block buffer, residual in place, the last block for the class token
    /// only) equals the training forward up to rounding: BLAS may sum a one-row product in
    /// another order than the full one.
    func testInferenceEqualsTrainingForward() throws {
        let (net, input, _) = try makeNetwork(seed: 24)
        var rng = SeededGenerator(seed: 1)
        withExtendedLifetime((net, input)) {
            let train = Array(UnsafeBufferPointer(
                start: net.forward(input.pointer, batch: batch, training: true, regularization: .none, using: &rng),
                count: batch * outputs))
            let infer = Array(UnsafeBufferPointer(start: net.forward(input.pointer, batch: batch), count: batch * outputs))
            XCTAssertEqual(train.count, infer.count)
            for (a, b) in zip(train, infer) { XCTAssertEqual(a, b, accuracy: 1e-12) }
            let second = Array(UnsafeBufferPointer(start: net.forward(input.pointer + ViTConfig.micro.inputCount, batch: 1),
                                                   count: outputs))
            for (a, b) in zip(infer[outputs...], second) {
                XCTAssertEqual(a, b, accuracy: 1e-12, "an image's output does not depend on its batch (up to BLAS blocking)")
            }
        }
    }
}
