// Vectorised exp and erf for Float32: the softmax and GELU kernels' transcendental work.

/// Branch-free SIMD approximations of `exp` and `erf` for Float32.
///
/// `exp` is the Cephes range reduction (x = n·ln2 + r, degree-6 polynomial in r, then 2ⁿ by
/// exponent bits): within 2 ulp on [-87, 88]. `erf` is Abramowitz & Stegun 7.1.26 (absolute
/// error below 1.5e-7, which is Float32 rounding at 1). Both are tested against libm.
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

    @inline(__always) public static func erf(_ x: V) -> V {
        let bits = unsafeBitCast(x, to: SIMD8<UInt32>.self)
        let ax = unsafeBitCast(bits & 0x7FFF_FFFF, to: V.self)
        let t = 1 / (1 + 0.327_591_1 * ax)
        var p = V(repeating: 1.061_405_429)
        p = p * t - 1.453_152_027
        p = p * t + 1.421_413_741
        p = p * t - 0.284_496_736
        p = p * t + 0.254_829_592
        p = p * t
        let r: V = 1 - p * exp(-(ax * ax))
        // erf is odd: give r the sign bit of x.
        return unsafeBitCast(unsafeBitCast(r, to: SIMD8<UInt32>.self) | (bits & 0x8000_0000), to: V.self)
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
