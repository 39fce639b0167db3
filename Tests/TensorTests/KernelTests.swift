import SeededRandom
import Foundation
import Tensor
import XCTest

final class KernelTests: XCTestCase {
    // MARK: Gradient checks in Double

    func testLayerNormGradients() {
        var rng = SeededGenerator(seed: 2)
        let rows = 5, dim = 13  // 13: exercises the SIMD tail
        var x = randomArray(rows * dim, &rng), w = randomArray(dim, &rng), b = randomArray(dim, &rng)
        let g = randomArray(rows * dim, &rng)
        func forward(_ x: [Double], _ w: [Double], _ b: [Double]) -> (out: [Double], mean: [Double], rstd: [Double]) {
            var out = [Double](repeating: 0, count: rows * dim), mean = [Double](repeating: 0, count: rows), rstd = mean
            Kernels.layerNormForward(x, &out, mean: &mean, rstd: &rstd, weight: w, bias: b, rows: rows, dim: dim, eps: 1e-5)
            return (out, mean, rstd)
        }
        func loss(_ x: [Double], _ w: [Double], _ b: [Double]) -> Double { zip(forward(x, w, b).out, g).reduce(0) { $0 + $1.0 * $1.1 } }
        let f = forward(x, w, b)
        var dx = [Double](repeating: 0, count: rows * dim), dw = [Double](repeating: 0, count: dim), db = dw
        Kernels.layerNormBackward(dout: g, x: x, mean: f.mean, rstd: f.rstd, weight: w, dx: &dx, dweight: &dw, dbias: &db,
                                  rows: rows, dim: dim)
        let (w0, b0, x0) = (w, b, x)
        checkGradient("dx", values: &x, analytic: dx) { loss($0, w0, b0) }
        checkGradient("dweight", values: &w, analytic: dw) { loss(x0, $0, b0) }
        checkGradient("dbias", values: &b, analytic: db) { loss(x0, w0, $0) }
    }

    func testSoftmaxGradients() {
        var rng = SeededGenerator(seed: 3)
        let rows = 4, cols = 11
        var x = randomArray(rows * cols, &rng, scale: 2)
        let g = randomArray(rows * cols, &rng)
        func forward(_ x: [Double]) -> [Double] { var p = x; Kernels.softmaxRows(&p, rows: rows, cols: cols); return p }
        let p = forward(x)
        for r in 0..<rows { XCTAssertEqual(p[r * cols..<(r + 1) * cols].reduce(0, +), 1, accuracy: 1e-12) }
        var d = g
        Kernels.softmaxBackwardRows(probabilities: p, &d, rows: rows, cols: cols)
        checkGradient("softmax", values: &x, analytic: d) { zip(forward($0), g).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    func testGELUGradients() {
        var rng = SeededGenerator(seed: 4)
        let n = 29
        var x = randomArray(n, &rng, scale: 2)
        let g = randomArray(n, &rng)
        func forward(_ x: [Double]) -> [Double] { var y = x; Kernels.gelu(x, &y, x.count); return y }
        var dx = [Double](repeating: 0, count: n)
        Kernels.geluBackward(x, g, &dx, n)
        checkGradient("gelu", values: &x, analytic: dx) { zip(forward($0), g).reduce(0) { $0 + $1.0 * $1.1 } }
        // Known values of the exact (erf) GELU.
        XCTAssertEqual(forward([1.0])[0], 0.841_344_746_068_542_9, accuracy: 1e-15)
        XCTAssertEqual(forward([-2.0])[0], -0.045_500_263_896_358_4, accuracy: 1e-15)
    }

    // MARK: The Float32 fast paths against Double

    func testFastExpAndErfMatchLibm() {
        var worstExp: Float = 0, worstErf: Float = 0
        for i in 0...20_000 {
            let x = Float(i - 10_000) / 1000 * 8.7  // -87 … 87
            let e = FastMath.exp(x), ref = Float(Foundation.exp(Double(x)))
            worstExp = max(worstExp, abs(e - ref) / ref)
            let y = Float(i - 10_000) / 1000  // -10 … 10
            worstErf = max(worstErf, abs(FastMath.erf(y) - Float(Foundation.erf(Double(y)))))
        }
        XCTAssertLessThan(worstExp, 6e-7)  // ≤ 5 ulp
        XCTAssertLessThan(worstErf, 5e-7)  // a few ulp near 1
        XCTAssertEqual(FastMath.exp(-200), 0, accuracy: 1e-37)
    }

    func testFloatKernelsMatchDouble() {
        var rng = SeededGenerator(seed: 5)
        let rows = 37, cols = 203
        let x = randomArray(rows * cols, &rng, scale: 3)
        // GELU
        var yd = x, yf = x.map(Float.init)
        Kernels.gelu(x, &yd, x.count)
        let xf = yf
        Kernels.gelu(xf, &yf, x.count)
        for i in x.indices { XCTAssertEqual(Double(yf[i]), yd[i], accuracy: 1e-6 * max(1, abs(yd[i]))) }
        var gd = [Double](repeating: 0, count: x.count), gf = [Float](repeating: 0, count: x.count)
        let up = randomArray(x.count, &rng)
        Kernels.geluBackward(x, up, &gd, x.count)
        Kernels.geluBackward(xf, up.map(Float.init), &gf, x.count)
        for i in x.indices { XCTAssertEqual(Double(gf[i]), gd[i], accuracy: 2e-6 * max(1, abs(gd[i]))) }
        // Softmax
        var pd = x, pf = xf
        Kernels.softmaxRows(&pd, rows: rows, cols: cols)
        Kernels.softmaxRows(&pf, rows: rows, cols: cols)
        for i in x.indices { XCTAssertEqual(Double(pf[i]), pd[i], accuracy: 1e-6) }
        // Layer norm
        let w = randomArray(cols, &rng), b = randomArray(cols, &rng)
        var od = x, md = [Double](repeating: 0, count: rows), rd = md
        var of = xf, mf = [Float](repeating: 0, count: rows), rf = mf
        Kernels.layerNormForward(x, &od, mean: &md, rstd: &rd, weight: w, bias: b, rows: rows, dim: cols, eps: 1e-6)
        Kernels.layerNormForward(xf, &of, mean: &mf, rstd: &rf, weight: w.map(Float.init), bias: b.map(Float.init),
                                 rows: rows, dim: cols, eps: 1e-6)
        for i in x.indices { XCTAssertEqual(Double(of[i]), od[i], accuracy: 1e-5) }
    }

    /// Large sizes take the multi-threaded path; results equal the single-threaded ones.
    func testParallelKernelsEqualSerial() {
        var rng = SeededGenerator(seed: 6)
        let rows = 600, dim = 192
        let x = randomArray(rows * dim, &rng).map(Float.init), g = randomArray(rows * dim, &rng).map(Float.init)
        let w = randomArray(dim, &rng).map(Float.init), b = randomArray(dim, &rng).map(Float.init)
        func run(threads: Int) -> [[Float]] {
            let saved = Parallelism.kernelThreads
            Parallelism.kernelThreads = threads
            defer { Parallelism.kernelThreads = saved }
            var out = x, mean = [Float](repeating: 0, count: rows), rstd = mean
            Kernels.layerNormForward(x, &out, mean: &mean, rstd: &rstd, weight: w, bias: b, rows: rows, dim: dim, eps: 1e-6)
            var dx = [Float](repeating: 0, count: x.count), dw = [Float](repeating: 0, count: dim), db = dw
            Kernels.layerNormBackward(dout: g, x: x, mean: mean, rstd: rstd, weight: w, dx: &dx, dweight: &dw, dbias: &db,
                                      rows: rows, dim: dim)
            var ge = x
            Kernels.gelu(x, &ge, x.count)
            var sm = x
            Kernels.softmaxRows(&sm, rows: rows, cols: dim)
            var sum = x
            Kernels.add(x, g, &sum, x.count)
            return [out, dx, ge, sm, sum, dw.map { _ in 0 }]
        }
        let serial = run(threads: 1), parallel = run(threads: 2)
        for k in 0..<5 { XCTAssertEqual(serial[k], parallel[k], "kernel \(k)") }
    }

    func testReductions() {
        let x: [Float] = (1...21).map(Float.init)
        XCTAssertEqual(Kernels.sum(x, x.count), 231)
        XCTAssertEqual(Kernels.dot(x, x, x.count), 3311)
        XCTAssertEqual(Kernels.sumOfSquares(x, x.count), 3311)
        var acc = [Float](repeating: 1, count: 3)
        Kernels.accumulateColumnSums(x, rows: 7, cols: 3, into: &acc)
        XCTAssertEqual(acc, [71, 78, 85])
    }

    func testSeededGeneratorRepeats() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let sa = (0..<100).map { _ in a.next() }
        XCTAssertEqual(sa, (0..<100).map { _ in b.next() })
        XCTAssertNotEqual(sa, (0..<100).map { _ in c.next() })
        var g = SeededGenerator(seed: 7)
        let normals = (0..<20_000).map { _ in g.nextGaussian() }
        let mean = normals.reduce(0, +) / 20_000
        let variance = normals.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 20_000
        XCTAssertEqual(mean, 0, accuracy: 0.03)
        XCTAssertEqual(variance, 1, accuracy: 0.05)
        XCTAssertTrue((0..<1000).allSatisfy { _ in abs(g.nextTruncatedGaussian(standardDeviation: 0.02)) <= 0.04 })
    }
}
