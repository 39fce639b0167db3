import Tensor
import XCTest

final class GEMMTests: XCTestCase {
    /// BLAS and the reference triple loop agree for every transpose, strides, alpha and beta.
    func testBLASMatchesReferenceKernel() {
        var rng = SeededGenerator(seed: 1)
        // The last two exceed Parallelism.gemmSplitThreshold: split by columns, then by rows.
        for (m, n, k) in [(1, 1, 1), (7, 5, 3), (33, 17, 65), (64, 48, 40), (21, 520, 50), (530, 23, 45)] {
            for transA in [false, true] {
                for transB in [false, true] {
                    let lda = (transA ? m : k) + 3, ldb = (transB ? k : n) + 2, ldc = n + 1
                    let a = randomArray((transA ? k : m) * lda, &rng).map(Float.init)
                    let b = randomArray((transB ? n : k) * ldb, &rng).map(Float.init)
                    let c0 = randomArray(m * ldc, &rng).map(Float.init)
                    var fast = c0, slow = c0
                    fast.withUnsafeMutableBufferPointer { c in
                        gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 0.75, a: a, lda: lda, b: b, ldb: ldb,
                             beta: 0.5, c: c.baseAddress!, ldc: ldc)
                    }
                    slow.withUnsafeMutableBufferPointer { c in
                        referenceGEMM(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 0.75, a: a, lda: lda, b: b,
                                      ldb: ldb, beta: 0.5, c: c.baseAddress!, ldc: ldc)
                    }
                    for i in 0..<m {
                        for j in 0..<n {
                            XCTAssertEqual(fast[i * ldc + j], slow[i * ldc + j], accuracy: 1e-4 * Float(k).squareRoot(),
                                           "m\(m) n\(n) k\(k) tA \(transA) tB \(transB) at \(i),\(j)")
                        }
                        // Padding columns beyond n are untouched.
                        XCTAssertEqual(fast[i * ldc + n], c0[i * ldc + n])
                    }
                }
            }
        }
    }

    func testDoubleGEMMIsExactOnSmallIntegers() {
        let a: [Double] = [1, 2, 3, 4, 5, 6]  // 2×3
        let b: [Double] = [7, 8, 9, 10, 11, 12]  // 3×2
        var c = [Double](repeating: 0, count: 4)
        c.withUnsafeMutableBufferPointer { gemm(m: 2, n: 2, k: 3, a: a, lda: 3, b: b, ldb: 2, c: $0.baseAddress!, ldc: 2) }
        XCTAssertEqual(c, [58, 64, 139, 154])
    }
}
