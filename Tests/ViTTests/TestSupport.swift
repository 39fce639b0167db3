// Helpers for the ViT tests: random Double buffers, gradient checks on them, golden-file paths.
import SeededRandom
import Foundation
import Tensor
import ViT
import XCTest

/// Owns the Double buffers of a test, so the raw pointers it hands out stay valid for as long
/// as the pool lives (keep it alive with `withExtendedLifetime`).
final class BufferPool {
    private var buffers: [FlatBuffer<Double>] = []

    func zeros(_ count: Int) -> UnsafeMutablePointer<Double> {
        let b = FlatBuffer<Double>(count: count)
        buffers.append(b)
        return b.pointer
    }

    /// `count` normal values with standard deviation `scale`.
    func random(_ count: Int, _ rng: inout SeededGenerator, scale: Double = 1) -> UnsafeMutablePointer<Double> {
        let p = zeros(count)
        for i in 0..<count { p[i] = rng.nextGaussian() * scale }
        return p
    }
}

/// Σ a·b over `count` elements.
func dotProduct(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
    (0..<count).reduce(0) { $0 + a[$1] * b[$1] }
}

/// Fails when the analytic gradient in `analytic` disagrees with finite differences of `loss`
/// over the first `count` elements of `values`.
func checkGradient(
    _ name: String, _ values: UnsafeMutablePointer<Double>, _ count: Int, analytic: UnsafePointer<Double>,
    tolerance: Double = 1e-6, floor: Double = 1, file: StaticString = #filePath, line: UInt = #line,
    loss: () -> Double
) {
    let a = Array(UnsafeBufferPointer(start: analytic, count: count))
    XCTAssertTrue(a.contains { $0 != 0 } || count == 0, "\(name): gradient is all zero", file: file, line: line)
    if let m = FiniteDifference.firstMismatch(values: values, count: count, analytic: a, tolerance: tolerance, floor: floor,
                                                    loss: loss) {
        XCTFail("\(name): \(m)", file: file, line: line)
    }
}

/// Tests/Golden/ViT/NAME (outside the test target, so SwiftPM does not treat it as a resource).
func goldenURL(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden/ViT").appendingPathComponent(name)
}

/// The eight settings, as the XMP module will hand them over (data, not an import).
let eightOutputs: [OutputSpec] = [
    OutputSpec(name: "Exposure2012", scale: 5), OutputSpec(name: "Contrast2012", scale: 100),
    OutputSpec(name: "Highlights2012", scale: 100), OutputSpec(name: "Shadows2012", scale: 100),
    OutputSpec(name: "Whites2012", scale: 100), OutputSpec(name: "Blacks2012", scale: 100),
    OutputSpec(name: "Vibrance", scale: 100), OutputSpec(name: "Saturation", scale: 100),
]

/// A batch of random images for `config`.
func randomImages(_ n: Int, _ config: ViTConfig, _ rng: inout SeededGenerator) -> Tensor {
    Tensor(randomNormal: [n, config.channels, config.imageSize, config.imageSize], using: &rng)
}

func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vit-tests-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}
