// Vectorised exp and erf for Float32: the softmax and GELU kernels' transcendental work.

/// Branch-free SIMD approximations of `exp` and `erf` for Float32.
///
/// `exp` is the Cephes range reduction (x = n·ln2 + r, degree-6 polynomial in r, then 2ⁿ by
/// exponent bits): within a few ulp on [-87, 88].
/// `erf` is a rational approximation on [-4, 4] (within a few ulp). Both are tested against libm.
public enum FastMath {
    public typealias V = SIMD8<Float>

    @inline(__always) public static func exp(_ xIn: V) -> V {
        var x = xIn.replacing(with: -87.3, where: xIn .< -87.3)
        x = x.replacing(with: 88.3, where: x .> 88.3)
        // n = round(x / ln2) by the 1.5·2²³ trick: its low mantissa bits then hold n as an integer.
        let shifted = x * 1.442_695_04 + 12_582_912
        let fx = shifted - 12_582_912
        let n = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
        x = x - fx * 0.693_359_375
        x = x + fx * 2.121_944_4e-4
        var y = V(repeating: 1.987_569_15e-4)
        y = y * x + 1.398_199_95e-3
        y = y * x + 8.333_451_9e-3
        y = y * x + 4.166_579_6e-2
        y = y * x + 1.666_666_55e-1
        y = y * x + 5.000_000_1e-1
        y = y * (x * x) + x + 1
        let pow2 = unsafeBitCast((n &+ 127) &<< 23, to: V.self)
        return y * pow2
    }

    @inline(__always) public static func erf(_ xIn: V) -> V {
        // Rational approximation x·P(x²)/Q(x²) on [-4, 4] (outside, erf is ±1 in Float32),
        // the one TensorFlow and Eigen use: no exp, one division.
        var x = xIn.replacing(with: -4, where: xIn .< -4)
        x = x.replacing(with: 4, where: x .> 4)
        let x2 = x * x
        var p = x2 * -2.726_142_25e-10 + 2.770_681_42e-08
        p = x2 * p - 2.101_024_02e-06
        p = x2 * p - 5.692_506_39e-05
        p = x2 * p - 7.349_906_30e-04
        p = x2 * p - 2.954_599_80e-03
        p = x2 * p - 1.609_603_33e-02
        p = x * p
        var q = x2 * -1.456_607_18e-05 - 2.133_740_55e-04
        q = x2 * q - 1.682_826_97e-03
        q = x2 * q - 7.373_329_17e-03
        q = x2 * q - 1.426_473_91e-02
        return p / q
    }

    @inline(__always) static func load(_ p: UnsafePointer<Float>, _ i: Int) -> V {
        UnsafeRawPointer(p + i).loadUnaligned(as: V.self)
    }
    @inline(__always) static func store(_ v: V, _ p: UnsafeMutablePointer<Float>, _ i: Int) {
        UnsafeMutableRawPointer(p + i).storeBytes(of: v, as: V.self)
    }
    public static func exp(_ x: Float) -> Float { exp(V(repeating: x))[0] }
    public static func erf(_ x: Float) -> Float { erf(V(repeating: x))[0] }

    /// `y[i] = exp(x[i] - shift)`, returning the sum.
    public static func expShifted(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int, shift: Float) -> Float {
        var acc = V.zero
        var i = 0
        while i + 8 <= count {
            let e = exp(load(x, i) - shift)
            store(e, y, i)
            acc += e
            i += 8
        }
        var sum = acc.sum()
        while i < count { let e = exp(V(repeating: x[i] - shift))[0]; y[i] = e; sum += e; i += 1 }
        return sum
    }

    @inline(__always) static func gelu(_ v: V) -> V { 0.5 * v * (1 + erf(v * 0.707_106_78)) }
    @inline(__always) static func geluDerivative(_ v: V) -> V {
        let cdf = 0.5 * (1 + erf(v * 0.707_106_78))
        let pdf = 0.398_942_28 * exp(-0.5 * v * v)
        return cdf + v * pdf
    }

    public static func gelu(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count { store(gelu(load(x, i)), y, i); i += 8 }
        while i < count { y[i] = gelu(V(repeating: x[i]))[0]; i += 1 }
    }

    public static func geluBackward(_ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count { store(load(dy, i) * geluDerivative(load(x, i)), dx, i); i += 8 }
        while i < count { dx[i] = dy[i] * geluDerivative(V(repeating: x[i]))[0]; i += 1 }
    }
}
