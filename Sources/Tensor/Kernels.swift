// The elementwise and row kernels the model needs, vectorised and spread over cores where it pays.

/// Below this many scalar operations a kernel runs on the calling thread: a dispatch costs more.
public let parallelWorkThreshold = 1 << 15

/// Runs `body` over `rows` split into contiguous chunks, one per kernel thread, when
/// `rows · workPerRow` is large enough to pay for the dispatch. Chunking depends only on
/// `rows` and the thread count, so results are the same run to run.
@inlinable
public func parallelFor(rows: Int, workPerRow: Int, _ body: (Range<Int>) -> Void) {
    let threads = min(Parallelism.kernelThreads, rows)
    if threads <= 1 || rows * workPerRow < parallelWorkThreshold || Parallelism.isNested {
        body(0..<rows)
        return
    }
    Parallelism.concurrent(threads) { c in body(c * rows / threads ..< (c + 1) * rows / threads) }
}

@inlinable @inline(__always)
func vload<S: TensorScalar>(_ p: UnsafePointer<S>, _ i: Int) -> SIMD8<S> {
    UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<S>.self)
}

@inlinable @inline(__always)
func vstore<S: TensorScalar>(_ v: SIMD8<S>, _ p: UnsafeMutablePointer<S>, _ i: Int) {
    UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: SIMD8<S>.self)
}

/// Kernels on raw pointers. Shapes are in the comments; all are O(elements).
public enum Kernels {
    /// Σ x[i].
    @inlinable public static func sum<S: TensorScalar>(_ x: UnsafePointer<S>, _ n: Int) -> S {
        var acc = SIMD8<S>.zero
        var i = 0
        while i + 8 <= n { acc += vload(x, i); i += 8 }
        var s = acc.sum()
        while i < n { s += x[i]; i += 1 }
        return s
    }

    /// Σ x[i]·y[i].
    @inlinable public static func dot<S: TensorScalar>(_ x: UnsafePointer<S>, _ y: UnsafePointer<S>, _ n: Int) -> S {
        var acc = SIMD8<S>.zero
        var i = 0
        while i + 8 <= n { acc += vload(x, i) * vload(y, i); i += 8 }
        var s = acc.sum()
        while i < n { s += x[i] * y[i]; i += 1 }
        return s
    }

    /// Σ x[i]² accumulated in Double (for global gradient norms).
    @inlinable public static func sumOfSquares<S: TensorScalar>(_ x: UnsafePointer<S>, _ n: Int) -> Double {
        var total = 0.0
        var i = 0
        while i < n {
            let m = min(4096, n - i)
            total += Double(dot(x + i, x + i, m))
            i += m
        }
        return total
    }

    /// out[i] = a[i] + b[i]  (residual add; `out` may alias `a` or `b`).
    @inlinable public static func add<S: TensorScalar>(
        _ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ n: Int
    ) {
        parallelFor(rows: (n + 1023) / 1024, workPerRow: 1024) { r in
            var i = r.lowerBound * 1024
            let end = min(n, r.upperBound * 1024)
            while i + 8 <= end { vstore(vload(a, i) + vload(b, i), out, i); i += 8 }
            while i < end { out[i] = a[i] + b[i]; i += 1 }
        }
    }

    /// y[i] += x[i].
    @inlinable public static func accumulate<S: TensorScalar>(_ x: UnsafePointer<S>, into y: UnsafeMutablePointer<S>, _ n: Int) {
        add(UnsafePointer(y), x, y, n)
    }

    /// out[i] = a[i] · b[i]  (masks; `out` may alias either input).
    @inlinable public static func multiply<S: TensorScalar>(
        _ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ n: Int
    ) {
        parallelFor(rows: (n + 1023) / 1024, workPerRow: 1024) { r in
            var i = r.lowerBound * 1024
            let end = min(n, r.upperBound * 1024)
            while i + 8 <= end { vstore(vload(a, i) * vload(b, i), out, i); i += 8 }
            while i < end { out[i] = a[i] * b[i]; i += 1 }
        }
    }

    /// x[i] *= s.
    @inlinable public static func scale<S: TensorScalar>(_ x: UnsafeMutablePointer<S>, _ n: Int, by s: S) {
        var i = 0
        while i + 8 <= n { vstore(vload(x, i) * s, x, i); i += 8 }
        while i < n { x[i] *= s; i += 1 }
    }

    /// out[r, :] = bias  for r in 0..<rows  (out: rows×cols). Prepares a GEMM with beta = 1.
    @inlinable public static func broadcastRows<S: TensorScalar>(
        _ bias: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, rows: Int, cols: Int, ldo: Int? = nil
    ) {
        let ld = ldo ?? cols
        for r in 0..<rows { (out + r * ld).update(from: bias, count: cols) }
    }

    /// acc[c] += Σ_r x[r, c]  (x: rows×cols; bias gradients).
    @inlinable public static func accumulateColumnSums<S: TensorScalar>(
        _ x: UnsafePointer<S>, rows: Int, cols: Int, into acc: UnsafeMutablePointer<S>
    ) {
        for r in 0..<rows {
            let row = x + r * cols
            var i = 0
            while i + 8 <= cols { vstore(vload(acc, i) + vload(row, i), acc, i); i += 8 }
            while i < cols { acc[i] += row[i]; i += 1 }
        }
    }

    // MARK: Layer norm

    /// Layer norm over the last axis.
    /// x, out: rows×dim; mean, rstd: rows (saved for backward); weight, bias: dim.
    @inlinable public static func layerNormForward<S: TensorScalar>(
        _ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>,
        mean: UnsafeMutablePointer<S>, rstd: UnsafeMutablePointer<S>,
        weight: UnsafePointer<S>, bias: UnsafePointer<S>, rows: Int, dim: Int, eps: S,
        inputStride: Int? = nil, outputStride: Int? = nil
    ) {
        let ldx = inputStride ?? dim, ldo = outputStride ?? dim
        parallelFor(rows: rows, workPerRow: dim * 4) { range in
            for r in range {
                let xr = x + r * ldx, orow = out + r * ldo
                let m = sum(xr, dim) / S(dim)
                var acc = SIMD8<S>.zero
                var i = 0
                while i + 8 <= dim { let d = vload(xr, i) - m; acc += d * d; i += 8 }
                var v = acc.sum()
                while i < dim { let d = xr[i] - m; v += d * d; i += 1 }
                let rs = 1 / (v / S(dim) + eps).squareRoot()
                i = 0
                while i + 8 <= dim {
                    vstore((vload(xr, i) - m) * rs * vload(weight, i) + vload(bias, i), orow, i)
                    i += 8
                }
                while i < dim { orow[i] = (xr[i] - m) * rs * weight[i] + bias[i]; i += 1 }
                mean[r] = m
                rstd[r] = rs
            }
        }
    }

    /// Backward of `layerNormForward`: dx += …, dweight += …, dbias += … .
    /// dout, x, dx: rows×dim; mean, rstd: rows.
    @inlinable public static func layerNormBackward<S: TensorScalar>(
        dout: UnsafePointer<S>, x: UnsafePointer<S>, mean: UnsafePointer<S>, rstd: UnsafePointer<S>,
        weight: UnsafePointer<S>, dx: UnsafeMutablePointer<S>,
        dweight: UnsafeMutablePointer<S>?, dbias: UnsafeMutablePointer<S>?, rows: Int, dim: Int,
        inputStride: Int? = nil, outputStride: Int? = nil
    ) {
        let ldx = inputStride ?? dim, ldo = outputStride ?? dim
        let threads = max(1, min(Parallelism.kernelThreads, rows))
        let chunks = rows * dim * 8 < parallelWorkThreshold || Parallelism.isNested ? 1 : threads
        // Per-chunk partial sums for the parameter gradients, reduced in a fixed order.
        let partial = UnsafeMutablePointer<S>.allocate(capacity: chunks * 2 * dim)
        partial.initialize(repeating: 0, count: chunks * 2 * dim)
        defer { partial.deallocate() }
        let work = { (c: Int) in
            let pw = partial + c * 2 * dim, pb = pw + dim
            for r in (c * rows / chunks)..<((c + 1) * rows / chunks) {
                let xr = x + r * ldx, dor = dout + r * ldo, dxr = dx + r * ldx
                let m = mean[r], rs = rstd[r]
                // xhat = (x - m)·rs; dnorm = dout·w; dx = rs·(dnorm - mean(dnorm) - xhat·mean(dnorm·xhat))
                var a1 = SIMD8<S>.zero, a2 = SIMD8<S>.zero
                var i = 0
                while i + 8 <= dim {
                    let xh = (vload(xr, i) - m) * rs
                    let dn = vload(dor, i) * vload(weight, i)
                    a1 += dn; a2 += dn * xh
                    vstore(vload(pw, i) + vload(dor, i) * xh, pw, i)
                    vstore(vload(pb, i) + vload(dor, i), pb, i)
                    i += 8
                }
                var s1 = a1.sum(), s2 = a2.sum()
                while i < dim {
                    let xh = (xr[i] - m) * rs
                    let dn = dor[i] * weight[i]
                    s1 += dn; s2 += dn * xh
                    pw[i] += dor[i] * xh
                    pb[i] += dor[i]
                    i += 1
                }
                let mdn = s1 / S(dim), mdnx = s2 / S(dim)
                i = 0
                while i + 8 <= dim {
                    let xh = (vload(xr, i) - m) * rs
                    let dn = vload(dor, i) * vload(weight, i)
                    vstore(vload(dxr, i) + (dn - mdn - xh * mdnx) * rs, dxr, i)
                    i += 8
                }
                while i < dim {
                    let xh = (xr[i] - m) * rs
                    let dn = dor[i] * weight[i]
                    dxr[i] += (dn - mdn - xh * mdnx) * rs
                    i += 1
                }
            }
        }
        if chunks == 1 {
            work(0)
        } else {
            Parallelism.concurrent(chunks, work)
        }
        for c in 0..<chunks {
            let pw = partial + c * 2 * dim
            if let dweight { for i in 0..<dim { dweight[i] += pw[i] } }
            if let dbias { for i in 0..<dim { dbias[i] += pw[dim + i] } }
        }
    }

    // MARK: Softmax

    /// Row softmax in place: x[r, :] = softmax(x[r, :]). x: rows×cols.
    @inlinable public static func softmaxRows<S: TensorScalar>(_ x: UnsafeMutablePointer<S>, rows: Int, cols: Int) {
        parallelFor(rows: rows, workPerRow: cols * 8) { range in
            for r in range {
                let xr = x + r * cols
                var mx = -S.infinity
                for i in 0..<cols where xr[i] > mx { mx = xr[i] }
                let total = S.expShifted(xr, xr, count: cols, shift: mx)
                scale(xr, cols, by: 1 / total)
            }
        }
    }

    /// Softmax backward in place: given probabilities p and upstream dp, d[r, :] = p·(dp − Σ dp·p).
    /// p, d: rows×cols; `d` holds dp on entry and the gradient of the logits on exit.
    @inlinable public static func softmaxBackwardRows<S: TensorScalar>(
        probabilities p: UnsafePointer<S>, _ d: UnsafeMutablePointer<S>, rows: Int, cols: Int
    ) {
        parallelFor(rows: rows, workPerRow: cols * 3) { range in
            for r in range {
                let pr = p + r * cols, dr = d + r * cols
                let s = dot(pr, UnsafePointer(dr), cols)
                var i = 0
                while i + 8 <= cols { vstore(vload(pr, i) * (vload(dr, i) - s), dr, i); i += 8 }
                while i < cols { dr[i] = pr[i] * (dr[i] - s); i += 1 }
            }
        }
    }

    // MARK: GELU

    /// y = gelu(x) (exact, erf-based), spread over cores. `y` may alias `x`.
    @inlinable public static func gelu<S: TensorScalar>(_ x: UnsafePointer<S>, _ y: UnsafeMutablePointer<S>, _ n: Int) {
        parallelFor(rows: (n + 1023) / 1024, workPerRow: 1024 * 16) { r in
            let lo = r.lowerBound * 1024, hi = min(n, r.upperBound * 1024)
            S.geluForward(x + lo, y + lo, count: hi - lo)
        }
    }

    /// dx = dy · gelu'(x). `dx` may alias `dy`.
    @inlinable public static func geluBackward<S: TensorScalar>(
        _ x: UnsafePointer<S>, _ dy: UnsafePointer<S>, _ dx: UnsafeMutablePointer<S>, _ n: Int
    ) {
        parallelFor(rows: (n + 1023) / 1024, workPerRow: 1024 * 20) { r in
            let lo = r.lowerBound * 1024, hi = min(n, r.upperBound * 1024)
            S.geluBackward(x + lo, dy + lo, dx + lo, count: hi - lo)
        }
    }
}
