// Matrix products: BLAS for speed, a plain triple loop beside it to test against.
#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif
import Dispatch
import Foundation

/// Row-major general matrix multiply, `C = alpha · op(A) · op(B) + beta · C`.
///
/// `op(A)` is M×K and `op(B)` is K×N; `lda`, `ldb`, `ldc` are row strides of the stored
/// matrices, so sub-matrices (one attention head's columns) need no copy. O(M·N·K).
///
/// BLAS itself runs single-threaded (see `Parallelism`); large products are split into one
/// block of rows (or columns, when there are few rows) per kernel thread instead, so BLAS
/// threads never spin against the kernels' threads.
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
    let threads = Parallelism.kernelThreads
    if threads <= 1 || m * n * k < Parallelism.gemmSplitThreshold || Parallelism.isNested {
        S.blasGEMM(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
                   a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        return
    }
    // Split the larger side: each thread packs all of the other operand.
    let byRows = m >= n
    Parallelism.concurrent(threads) { part in
        if byRows {
            let lo = part * m / threads, hi = (part + 1) * m / threads
            if lo == hi { return }
            S.blasGEMM(transA: transA, transB: transB, m: hi - lo, n: n, k: k, alpha: alpha,
                       a: transA ? a + lo : a + lo * lda, lda: lda, b: b, ldb: ldb, beta: beta,
                       c: c + lo * ldc, ldc: ldc)
        } else {
            // Column blocks start on multiples of 16 so the BLAS kernels stay aligned.
            let lo = min(n, (part * n / threads + 15) & ~15), hi = part == threads - 1 ? n : min(n, ((part + 1) * n / threads + 15) & ~15)
            if lo >= hi { return }
            S.blasGEMM(transA: transA, transB: transB, m: m, n: hi - lo, k: k, alpha: alpha,
                       a: a, lda: lda, b: transB ? b + lo * ldb : b + lo, ldb: ldb, beta: beta,
                       c: c + lo, ldc: ldc)
        }
    }
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

/// How work is spread over cores.
///
/// The kernels and the GEMM wrapper split work over `kernelThreads` with
/// `DispatchQueue.concurrentPerform`; BLAS is kept single-threaded so that its own worker
/// threads do not spin against ours on a small machine. Set once at start-up, e.g.
/// `Parallelism.setThreads(2)`.
public enum Parallelism {
    /// Threads the kernels and GEMMs spread over. First use also makes BLAS single-threaded.
    nonisolated(unsafe) public static var kernelThreads: Int = {
        setBLASThreads(1)
        return defaultThreads
    }()

    /// GEMMs with fewer multiply-adds than this run on the calling thread.
    public static let gemmSplitThreshold = 1 << 19

    public static var defaultThreads: Int { max(1, min(ProcessInfo.processInfo.activeProcessorCount, 64)) }

    /// Sets the kernels' thread count and keeps BLAS single-threaded.
    public static func setThreads(_ n: Int) {
        kernelThreads = max(1, n)
        setBLASThreads(1)
    }

    /// BLAS's own thread count (for measuring BLAS alone; the model wants 1).
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

    private static let nestingKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// True on a thread that is already one of `concurrent`'s workers: work there stays serial.
    public static var isNested: Bool { pthread_getspecific(nestingKey) != nil }

    /// Runs `body(0..<iterations)` concurrently, each worker marked as nested.
    public static func concurrent(_ iterations: Int, _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            let box = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: iterations) { i in
                let wasNested = isNested
                if !wasNested { pthread_setspecific(nestingKey, UnsafeRawPointer(bitPattern: 1)) }
                box.value(i)
                if !wasNested { pthread_setspecific(nestingKey, nil) }
            }
        }
    }
}

/// Carries a value into a `concurrentPerform` closure whose iterations touch disjoint memory.
public struct UncheckedSendable<T>: @unchecked Sendable {
    public let value: T
    @inlinable public init(_ value: T) { self.value = value }
}
