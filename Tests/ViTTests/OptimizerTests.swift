// AdamW against the numpy reference; clipping; the learning-rate schedule.
import Foundation
import Tensor
import ViT
import XCTest

final class OptimizerTests: XCTestCase {
    func testAdamWMatchesNumpyReference() throws {
        let data = try Data(contentsOf: goldenURL("adamw.json"))
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        func flat(_ v: Any?) -> [Float] {
            if let rows = v as? [[Double]] { return rows.flatMap { $0 }.map(Float.init) }
            return (v as! [Double]).map(Float.init)
        }
        let start = json["start"] as! [String: Any], targets = json["targets"] as! [String: Any]
        let final = json["final"] as! [String: Any], hp = json["hyperparameters"] as! [String: Double]
        var layout = TensorLayout()
        let w = layout.add("w", [2, 3]), b = layout.add("b", [3])
        let params = FlatBuffer<Float>(count: layout.count), grads = FlatBuffer<Float>(count: layout.count)
        params.set(w, flat(start["w"]))
        params.set(b, flat(start["b"]))
        let opt = AdamW(parameterCount: layout.count, beta1: hp["beta1"]!, beta2: hp["beta2"]!, epsilon: hp["eps"]!,
                        weightDecay: hp["weight_decay"]!)
        for lr in json["learning_rates"] as! [Double] {
            for (slot, name) in [(w, "w"), (b, "b")] {
                let t = flat(targets[name])
                grads.set(slot, zip(params.array(slot), t).map { 2 * ($0 - $1) })
            }
            opt.update(parameters: params, gradients: grads, layout: layout, learningRate: lr, decays: { $0.name == "w" })
        }
        XCTAssertEqual(opt.step, 6)
        for (slot, name) in [(w, "w"), (b, "b")] {
            for (a, e) in zip(params.array(slot), flat(final[name])) { XCTAssertEqual(a, e, accuracy: 2e-6, name) }
            XCTAssertNotEqual(params.array(slot), flat(start[name]))
        }
    }

    func testGradientClippingByGlobalNorm() {
        var layout = TensorLayout()
        let slot = layout.add("g", [4])
        let g = FlatBuffer<Float>(count: layout.count)
        g.set(slot, [3, 4, 0, 12])  // norm 13
        XCTAssertEqual(GradientClipping.clip(g, maxNorm: 26), 13, accuracy: 1e-9)
        XCTAssertEqual(g.pointer[3], 12, "below the limit nothing changes")
        XCTAssertEqual(GradientClipping.clip(g, maxNorm: 1.3), 13, accuracy: 1e-9)
        XCTAssertEqual(GradientClipping.globalNorm(g), 1.3, accuracy: 1e-5)
        XCTAssertEqual(g.pointer[1], 0.4, accuracy: 1e-6)
    }

    func testWarmupThenCosine() {
        let s = LearningRateSchedule(peak: 1e-3, warmupSteps: 10, totalSteps: 110, minimum: 1e-5)
        XCTAssertEqual(s.rate(at: 0), 1e-4, accuracy: 1e-12)
        XCTAssertEqual(s.rate(at: 9), 1e-3, accuracy: 1e-12)
        XCTAssertEqual(s.rate(at: 10), 1e-3, accuracy: 1e-12)
        XCTAssertEqual(s.rate(at: 60), (1e-3 + 1e-5) / 2, accuracy: 1e-12)
        XCTAssertEqual(s.rate(at: 110), 1e-5, accuracy: 1e-12)
        XCTAssertEqual(s.rate(at: 500), 1e-5, accuracy: 1e-12)
        let rates = (10...110).map(s.rate)
        XCTAssertTrue(zip(rates, rates.dropFirst()).allSatisfy { $0 >= $1 }, "decays monotonically")
    }
}
