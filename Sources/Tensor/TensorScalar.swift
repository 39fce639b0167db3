// The element types the kernels run on: Float32 ships, Float64 checks the gradients.
#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif
import Foundation

/// A floating-point element type the Tensor kernels and the ViT run on.
///
/// `Float` is what ships; `Double` exists so the very same layer code can be checked against
/// finite differences without Float32 rounding noise. The bulk transcendental kernels are
/// requirements so `Float` can use vectorised approximations while `Double` uses libm.
public protocol TensorScalar: BinaryFloatingPoint, SIMDScalar, Sendable, Codable {
    /// Row-major `C = alpha · op(A) · op(B) + beta · C` through BLAS; `op(A)` is M×K, `op(B)` K×N.
    static func blasGEMM(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Self,
        a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
    static func exp(_ x: Self) -> Self
    static func tanh(_ x: Self) -> Self
    static func erf(_ x: Self) -> Self
    /// `y[i] = exp(x[i] - shift)` for `count` elements; returns their sum. `y` may alias `x`.
    static func expShifted(_ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>, count: Int, shift: Self) -> Self
    /// `y[i] = gelu(x[i])` (exact, erf-based). `y` may alias `x`.
    static func geluForward(_ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>, count: Int)
    /// `dx[i] = dy[i] · gelu'(x[i])`. `dx` may alias `dy`.
    static func geluBackward(_ x: UnsafePointer<Self>, _ dy: UnsafePointer<Self>, _ dx: UnsafeMutablePointer<Self>, count: Int)
}

@usableFromInline let invSqrt2: Double = 0.707_106_781_186_547_524_4
@usableFromInline let invSqrt2Pi: Double = 0.398_942_280_401_432_677_9

extension Double: TensorScalar {
    public static func blasGEMM(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double,
        a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        cblas_dgemm(
            CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
            blasInt(m), blasInt(n), blasInt(k), alpha, a, blasInt(lda), b, blasInt(ldb), beta, c, blasInt(ldc))
    }
    public static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    public static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }
    public static func erf(_ x: Double) -> Double { Foundation.erf(x) }
    public static func expShifted(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int, shift: Double) -> Double {
        var sum = 0.0
        for i in 0..<count { let e = Foundation.exp(x[i] - shift); y[i] = e; sum += e }
        return sum
    }
    public static func geluForward(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count { let v = x[i]; y[i] = 0.5 * v * (1 + Foundation.erf(v * invSqrt2)) }
    }
    public static func geluBackward(_ x: UnsafePointer<Double>, _ dy: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count {
            let v = x[i]
            let cdf = 0.5 * (1 + Foundation.erf(v * invSqrt2))
            let pdf = invSqrt2Pi * Foundation.exp(-0.5 * v * v)
            dx[i] = dy[i] * (cdf + v * pdf)
        }
    }
}

extension Float: TensorScalar {
    public static func blasGEMM(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
            blasInt(m), blasInt(n), blasInt(k), alpha, a, blasInt(lda), b, blasInt(ldb), beta, c, blasInt(ldc))
    }
    public static func exp(_ x: Float) -> Float { Foundation.exp(x) }
    public static func tanh(_ x: Float) -> Float { Foundation.tanh(x) }
    public static func erf(_ x: Float) -> Float { Foundation.erf(x) }
    public static func expShifted(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int, shift: Float) -> Float {
        FastMath.expShifted(x, y, count: count, shift: shift)
    }
    public static func geluForward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        FastMath.gelu(x, y, count: count)
    }
    public static func geluBackward(_ x: UnsafePointer<Float>, _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, count: Int) {
        FastMath.geluBackward(x, dy, dx, count: count)
    }
}

#if canImport(Accelerate)
@inline(__always) func blasInt(_ v: Int) -> Int32 { Int32(v) }
#else
@inline(__always) func blasInt(_ v: Int) -> blasint { blasint(v) }
#endif
