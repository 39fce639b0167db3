// Every layer's backward against central differences in Double, with a random upstream gradient.
import Tensor
import ViT
import XCTest

final class LayerGradientTests: XCTestCase {
    func testPatchEmbedding() {
        let pool = BufferPool()
        defer { withExtendedLifetime(pool) {} }
        var rng = SeededGenerator(seed: 11)
        let c = ViTConfig(imageSize: 32, patchSize: 16, dim: 8, depth: 0, heads: 2, mlpDim: 8)
        let batch = 2, t = c.tokens, d = c.dim
        let input = pool.random(batch * c.inputCount, &rng)
        let patches = pool.zeros(batch * c.patchCount * c.patchDim)
        ViTLayers.unfold(input, batch: batch, config: c, into: patches)
        // The unfold is the convolution's im2col: check a few places by hand.
        let hw = c.imageSize
        XCTAssertEqual(patches[0], input[0])
        XCTAssertEqual(patches[1 * c.patchDim + 0], input[16])  // patch (0,1), c0 ky0 kx0
        XCTAssertEqual(patches[2 * c.patchDim + 256 + 3 * 16 + 5], input[hw * hw + (16 + 3) * hw + 5])
        let w = pool.random(d * c.patchDim, &rng, scale: 0.1), b = pool.random(d, &rng)
        let cls = pool.random(d, &rng), pos = pool.random(t * d, &rng)
        let g = pool.random(batch * t * d, &rng), out = pool.zeros(batch * t * d)
        func loss() -> Double {
            ViTLayers.embedForward(patches: patches, batch: batch, config: c, weight: w, bias: b,
                                   classToken: cls, positions: pos, out: out)
            return dotProduct(out, g, batch * t * d)
        }
        let dw = pool.zeros(d * c.patchDim), db = pool.zeros(d), dcls = pool.zeros(d), dpos = pool.zeros(t * d)
        ViTLayers.embedBackward(dx: g, patches: patches, batch: batch, config: c, dWeight: dw,
                                dBias: db, dClassToken: dcls, dPositions: dpos)
        checkGradient("patch weight", w, d * c.patchDim, analytic: dw, loss: loss)
        checkGradient("patch bias", b, d, analytic: db, loss: loss)
        checkGradient("class token", cls, d, analytic: dcls, loss: loss)
        checkGradient("positions", pos, t * d, analytic: dpos, loss: loss)
    }

    func testAttention() {
        let pool = BufferPool()
        defer { withExtendedLifetime(pool) {} }
        var rng = SeededGenerator(seed: 12)
        let batch = 2, t = 5, d = 8, heads = 2
        let qkv = pool.random(batch * t * 3 * d, &rng)
        let probs = pool.zeros(batch * heads * t * t), out = pool.zeros(batch * t * d), g = pool.random(batch * t * d, &rng)
        func loss() -> Double {
            ViTLayers.attentionForward(qkv: qkv, probs: probs, out: out, batch: batch, tokens: t,
                                       dim: d, heads: heads)
            return dotProduct(out, g, batch * t * d)
        }
        _ = loss()
        // Attention rows are distributions.
        for r in 0..<(batch * heads * t) {
            XCTAssertEqual((0..<t).reduce(0) { $0 + probs[r * t + $1] }, 1, accuracy: 1e-12)
        }
        let dqkv = pool.zeros(batch * t * 3 * d), scratch = pool.zeros(Parallelism.kernelThreads * t * t)
        ViTLayers.attentionBackward(dout: g, qkv: qkv, probs: probs, dqkv: dqkv,
                                    scratch: scratch, batch: batch, tokens: t, dim: d, heads: heads)
        checkGradient("qkv", qkv, batch * t * 3 * d, analytic: dqkv, loss: loss)
    }

    func testMLPWithGELU() {
        let pool = BufferPool()
        defer { withExtendedLifetime(pool) {} }
        var rng = SeededGenerator(seed: 13)
        let m = 6, d = 8, f = 12
        let x = pool.random(m * d, &rng), w1 = pool.random(f * d, &rng, scale: 0.5), b1 = pool.random(f, &rng)
        let w2 = pool.random(d * f, &rng, scale: 0.5), b2 = pool.random(d, &rng)
        let h = pool.zeros(m * f), gl = pool.zeros(m * f), out = pool.zeros(m * d), g = pool.random(m * d, &rng)
        func loss() -> Double {
            ViTLayers.mlpForward(x, w1: w1, b1: b1, w2: w2, b2: b2,
                                 h: h, g: gl, out: out, m: m, dim: d, hidden: f)
            return dotProduct(out, g, m * d)
        }
        _ = loss()
        let dx = pool.zeros(m * d), dw1 = pool.zeros(f * d), db1 = pool.zeros(f), dw2 = pool.zeros(d * f), db2 = pool.zeros(d)
        ViTLayers.mlpBackward(dout: g, x: x, w1: w1, w2: w2, h: h, g: gl,
                              dx: dx, dW1: dw1, dB1: db1, dW2: dw2, dB2: db2,
                              scratch: pool.zeros(m * f), m: m, dim: d, hidden: f)
        checkGradient("mlp x", x, m * d, analytic: dx, loss: loss)
        checkGradient("fc1 weight", w1, f * d, analytic: dw1, loss: loss)
        checkGradient("fc1 bias", b1, f, analytic: db1, loss: loss)
        checkGradient("fc2 weight", w2, d * f, analytic: dw2, loss: loss)
        checkGradient("fc2 bias", b2, d, analytic: db2, loss: loss)
    }

    func testLinearAccumulatesInputGradient() {
        let pool = BufferPool()
        defer { withExtendedLifetime(pool) {} }
        var rng = SeededGenerator(seed: 14)
        let m = 4, k = 5, n = 3
        let x = pool.random(m * k, &rng), w = pool.random(n * k, &rng), b = pool.random(n, &rng)
        let out = pool.zeros(m * n), g = pool.random(m * n, &rng)
        func loss() -> Double {
            ViTLayers.linearForward(x, weight: w, bias: b, out: out, m: m, k: k, n: n)
            return dotProduct(out, g, m * n)
        }
        let dx = pool.random(m * k, &rng), before = Array(UnsafeBufferPointer(start: dx, count: m * k))
        let dw = pool.zeros(n * k), db = pool.zeros(n)
        ViTLayers.linearBackward(dout: g, x: x, weight: w, dx: dx, dWeight: dw,
                                 dBias: db, m: m, k: k, n: n, accumulateInput: true)
        for i in 0..<(m * k) { dx[i] -= before[i] }
        checkGradient("linear x", x, m * k, analytic: dx, loss: loss)
        checkGradient("linear weight", w, n * k, analytic: dw, loss: loss)
        checkGradient("linear bias", b, n, analytic: db, loss: loss)
    }

    func testHeadWithTanh() {
        let pool = BufferPool()
        defer { withExtendedLifetime(pool) {} }
        var rng = SeededGenerator(seed: 15)
        let batch = 3, d = 8, o = 4
        let x = pool.random(batch * d, &rng), w = pool.random(o * d, &rng, scale: 0.4), b = pool.random(o, &rng)
        let y = pool.zeros(batch * o), g = pool.random(batch * o, &rng)
        func loss() -> Double {
            ViTLayers.headForward(x, weight: w, bias: b, out: y, batch: batch, dim: d, outputs: o)
            return dotProduct(y, g, batch * o)
        }
        _ = loss()
        XCTAssertTrue((0..<(batch * o)).allSatisfy { abs(y[$0]) < 1 })
        let dx = pool.zeros(batch * d), dw = pool.zeros(o * d), db = pool.zeros(o)
        ViTLayers.headBackward(dy: g, y: y, x: x, weight: w, dx: dx, dWeight: dw,
                               dBias: db, scratch: pool.zeros(batch * o), batch: batch, dim: d, outputs: o)
        checkGradient("head x", x, batch * d, analytic: dx, loss: loss)
        checkGradient("head weight", w, o * d, analytic: dw, loss: loss)
        checkGradient("head bias", b, o, analytic: db, loss: loss)
    }

    func testWeightedMSE() {
        let pool = BufferPool()
        defer { withExtendedLifetime(pool) {} }
        var rng = SeededGenerator(seed: 16)
        let batch = 3, o = 4
        let y = pool.random(batch * o, &rng), t = pool.random(batch * o, &rng)
        let weights: [Double] = [1, 0.5, 2, 0]
        let dy = pool.zeros(batch * o)
        let l = ViTLayers.mseLoss(y, targets: t, weights: weights, dy: dy, batch: batch, outputs: o)
        var expected = 0.0
        for b in 0..<batch { for j in 0..<o { let e = y[b * o + j] - t[b * o + j]; expected += weights[j] * e * e } }
        XCTAssertEqual(l, expected / (3 * 3.5), accuracy: 1e-12)
        checkGradient("mse", y, batch * o, analytic: dy) {
            ViTLayers.mseLoss(y, targets: t, weights: weights, dy: nil, batch: batch, outputs: o)
        }
        // Unweighted is the plain mean of squares.
        let plain = ViTLayers.mseLoss(y, targets: t, weights: nil, dy: nil, batch: batch, outputs: o)
        XCTAssertEqual(plain, (0..<(batch * o)).reduce(0) { $0 + pow(y[$1] - t[$1], 2) } / 12, accuracy: 1e-12)
    }
}
