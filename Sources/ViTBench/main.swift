// vit-bench: times the Swift ViT (inference, training step) and OpenBLAS's sgemm on the model's shapes.
// One measurement per process so peak memory (VmHWM) belongs to it. Prints one JSON object.
// Usage: vit-bench CONFIG MODE [--threads N] [--repeats N]
//   MODE: infer1 (batch 1), infer16 (batch 16), train12 (batch 12 step), sgemm (forward GEMM shapes, batch 16)
import SeededRandom
import Foundation
import Tensor
import ViT

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// Peak resident memory of this process in MiB.
func peakMemoryMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
        return kb / 1024
    }
    return 0
}

/// (M, N, K) of every GEMM in one forward pass of `batch` images, with how often each occurs.
func forwardGEMMShapes(_ c: ViTConfig, batch: Int) -> [(m: Int, n: Int, k: Int, count: Int)] {
    let t = c.tokens, d = c.dim, rows = batch * t, hd = c.headDim
    return [
        (c.patchCount, d, c.patchDim, batch),
        (rows, 3 * d, d, c.depth),
        (t, t, hd, c.depth * batch * c.heads),
        (t, hd, t, c.depth * batch * c.heads),
        (rows, d, d, c.depth),
        (rows, c.mlpDim, d, c.depth),
        (rows, d, c.mlpDim, c.depth),
    ]
}

/// Multiply-adds ×2 of the forward GEMMs. Inference skips all but the class rows of the last
/// block after its keys and values, so it does less than training's forward.
func forwardFLOPs(_ c: ViTConfig, batch: Int, inference: Bool = false) -> Double {
    let full = forwardGEMMShapes(c, batch: batch).reduce(0) { $0 + 2 * Double($1.m * $1.n * $1.k * $1.count) }
    guard inference, c.depth > 0 else { return full }
    let t = Double(c.tokens), d = Double(c.dim), f = Double(c.mlpDim)
    let skippedRows = Double(batch) * (t - 1)
    let perRow = 2 * (2 * t * d + d * d + 2 * d * f)  // attention (QKᵀ and PV), projection, MLP
    return full - skippedRows * perRow
}

var args = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String, _ fallback: Int) -> Int {
    guard let i = args.firstIndex(of: name), i + 1 < args.count, let v = Int(args[i + 1]) else { return fallback }
    args.removeSubrange(i...(i + 1))
    return v
}
let threads = option("--threads", 2)
let repeats = option("--repeats", 5)
guard args.count == 2, let config = ViTConfig.preset(named: args[0]) else {
    FileHandle.standardError.write(Data("usage: vit-bench tiny|small|base|micro infer1|infer16|train12|sgemm [--threads N] [--repeats N]\n".utf8))
    exit(2)
}
let mode = args[1]
Parallelism.setThreads(threads)

var rng = SeededGenerator(seed: 1)
let outputs = (0..<8).map { OutputSpec(name: "out\($0)", scale: 1) }
var result: [String: Any] = ["impl": "swift", "config": args[0], "mode": mode, "threads": threads, "repeats": repeats]

switch mode {
case "infer1", "infer16":
    let batch = mode == "infer1" ? 1 : 16
    let model = try ViTModel(config: config, outputs: outputs, using: &rng)
    let x = randomImages(batch)
    _ = try model.predict(batch: x, chunk: batch)  // warm-up
    var times: [Double] = []
    for _ in 0..<repeats {
        let t0 = now()
        _ = try model.predict(batch: x, chunk: batch)
        times.append(now() - t0)
    }
    let perImage = median(times) / Double(batch)
    result["seconds_per_image"] = perImage
    result["gemm_gflops"] = forwardFLOPs(config, batch: batch, inference: true) / median(times) / 1e9
case "train12":
    let batch = 12
    let model = try ViTModel(config: config, outputs: outputs, using: &rng)
    let optimizer = model.makeOptimizer()
    let x = randomImages(batch)
    let targets = (0..<batch).map { _ in (0..<8).map { _ in Float(rng.nextUnitInterval() - 0.5) } }
    _ = try model.trainStep(batch: x, targets: targets, optimizer: optimizer, learningRate: 1e-4, maxGradientNorm: 1, using: &rng)
    var times: [Double] = []
    for _ in 0..<repeats {
        let t0 = now()
        _ = try model.trainStep(batch: x, targets: targets, optimizer: optimizer, learningRate: 1e-4, maxGradientNorm: 1,
                                using: &rng)
        times.append(now() - t0)
    }
    result["seconds_per_image"] = median(times) / Double(batch)
    // Backward GEMMs are twice the forward's.
    result["gemm_gflops"] = 3 * forwardFLOPs(config, batch: batch) / median(times) / 1e9
case "sgemm":
    // OpenBLAS alone, with its own threads, on the forward pass's GEMM shapes at batch 16.
    Parallelism.kernelThreads = 1
    Parallelism.setBLASThreads(threads)
    let batch = 16
    var total = 0.0, flops = 0.0
    for s in forwardGEMMShapes(config, batch: batch) {
        let a = [Float](repeating: 0.5, count: s.m * s.k), b = [Float](repeating: 0.25, count: s.n * s.k)
        var c = [Float](repeating: 0, count: s.m * s.n)
        let calls = min(s.count, 48)
        let run = {
            c.withUnsafeMutableBufferPointer { cp in
                for _ in 0..<calls {
                    gemm(transB: true, m: s.m, n: s.n, k: s.k, a: a, lda: s.k, b: b, ldb: s.k, c: cp.baseAddress!, ldc: s.n)
                }
            }
        }
        run()
        var times: [Double] = []
        for _ in 0..<repeats { let t0 = now(); run(); times.append(now() - t0) }
        total += median(times) / Double(calls) * Double(s.count)
        flops += 2 * Double(s.m * s.n * s.k * s.count)
    }
    result["gemm_gflops"] = flops / total / 1e9
    result["seconds_per_image"] = total / Double(batch)
default:
    FileHandle.standardError.write(Data("unknown mode \(mode)\n".utf8))
    exit(2)
}
result["peak_mib"] = peakMemoryMiB()
let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
print(String(decoding: json, as: UTF8.self))

@MainActor func randomImages(_ n: Int) -> Tensor {
    Tensor(randomNormal: [n, config.channels, config.imageSize, config.imageSize], using: &rng)
}
