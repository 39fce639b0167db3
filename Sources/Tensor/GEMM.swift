// Matrix products: BLAS for speed, a plain triple loop beside it to test against.
#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif

/// Row-major general matrix multiply, `C = alpha · op(A) · op(B) + beta · C`.
///
/// `op(A)` is M×K and `op(B)` is K×N; `lda`, `ldb`, `ldc` are row strides of the stored
/// matrices, so sub-matrices (one attention head's columns) need no copy. O(M·N·K).
@inlinable
public func gemm<S: TensorScalar>(
    transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: S = 1,
    a: UnsafePointer<S>, lda: Int, b: UnsafePointer<S>, ldb: Int,
    beta: S = 0, c: UnsafeMutablePointer<S>, ldc: Int
) {
    if m == 0 || n == 0 { return }
    if k == 0 {
        for i in 0..<m { for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] } }
        return
    }
    S.blasGEMM(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
               a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
}

/// The same contract as `gemm`, as a plain triple loop accumulating in Double. For tests only.
public func referenceGEMM<S: TensorScalar>(
    transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: S = 1,
    a: UnsafePointer<S>, lda: Int, b: UnsafePointer<S>, ldb: Int,
    beta: S = 0, c: UnsafeMutablePointer<S>, ldc: Int
) {
    for i in 0..<m {
        for j in 0..<n {
            var acc = 0.0
            for p in 0..<k {
                let av = transA ? a[p * lda + i] : a[i * lda + p]
                let bv = transB ? b[j * ldb + p] : b[p * ldb + j]
                acc += Double(av) * Double(bv)
            }
            let old = beta == 0 ? 0 : Double(beta) * Double(c[i * ldc + j])
            c[i * ldc + j] = S(Double(alpha) * acc + old)
        }
    }
}

/// Thread counts for BLAS and for the Tensor kernels.
///
/// Set once at start-up (before any work runs), e.g. `Parallelism.setThreads(2)`.
public enum Parallelism {
    /// Threads the elementwise kernels spread over (`DispatchQueue.concurrentPerform` chunks).
    nonisolated(unsafe) public static var kernelThreads: Int = 2

    /// Sets both BLAS's and the kernels' thread count.
    public static func setThreads(_ n: Int) {
        kernelThreads = max(1, n)
        setBLASThreads(n)
    }

    public static func setBLASThreads(_ n: Int) {
        #if !canImport(Accelerate)
        openblas_set_num_threads(Int32(max(1, n)))
        #endif
    }

    public static var blasThreads: Int {
        #if canImport(Accelerate)
        return 1
        #else
        return Int(openblas_get_num_threads())
        #endif
    }
}
