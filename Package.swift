// swift-tools-version:6.0
// AutoTone: learns a photographer's Lightroom style from a few edits and writes XMP sidecars.
import PackageDescription

// OpenBLAS on Linux; on Apple platforms the Tensor module uses Accelerate instead.
let blasDependency: Target.Dependency = .target(name: "CBLAS", condition: .when(platforms: [.linux]))

let package = Package(
    name: "AutoTone",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "autotone", targets: ["AutoTone"]),
        .executable(name: "autotone-lab", targets: ["AutotoneLab"]),
        .library(name: "AutoToneKit", targets: ["ImageIO", "Tensor", "ViT", "XMP", "Catalog", "Develop", "Training", "Predict"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // SQLite, for reading Lightroom Classic catalogs (read-only, immutable).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // C libraries, one system-library target each, named after their Debian packages.
        .systemLibrary(
            name: "CLibRaw", path: "Sources/CLibRaw",
            providers: [.apt(["libraw-dev"]), .brew(["libraw"])]),
        .systemLibrary(
            name: "CJPEG", path: "Sources/CJPEG",
            providers: [.apt(["libjpeg-dev"]), .brew(["jpeg-turbo"])]),
        .systemLibrary(
            name: "CXML2", path: "Sources/CXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        .systemLibrary(
            name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        // libjpeg reports fatal errors by exit(); this shim longjmps them into return codes.
        .target(
            name: "CJPEGShim", dependencies: ["CJPEG"], path: "Sources/CJPEGShim",
            linkerSettings: [.linkedLibrary("jpeg")]),

        // LibRaw with its lossless-JPEG decoding handed to LosslessJPEG (C++: LibRaw's decoder
        // pointer is a protected member).
        .target(name: "CLibRawUnpackHook", dependencies: ["CLibRaw"], path: "Sources/CLibRawUnpackHook"),

        // One seeded generator family for the whole package: same seed, same run, everywhere.
        .target(name: "SeededRandom"),
        .target(name: "ImageIO", dependencies: ["CLibRaw", "CLibRawUnpackHook", "CJPEGShim"]),
        // Synthetic sensors and the DNGs they write: development tooling and tests only.
        .target(name: "SyntheticRAW", dependencies: ["ImageIO", "SeededRandom"]),
        .target(name: "Tensor", dependencies: [blasDependency, "SeededRandom"]),
        .target(name: "ViT", dependencies: ["Tensor", "SeededRandom"]),
        .target(name: "XMP", dependencies: ["CXML2"]),
        .target(name: "Catalog", dependencies: ["XMP", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "Develop", dependencies: ["ImageIO", "SeededRandom"]),
        .target(name: "Training", dependencies: ["ImageIO", "Tensor", "ViT", "XMP", "Catalog", "Develop", "SeededRandom"]),
        .target(name: "Predict", dependencies: ["ImageIO", "XMP", "Training"]),
        .executableTarget(
            name: "AutoTone",
            dependencies: [
                "ImageIO", "ViT", "XMP", "Catalog", "Develop", "Training", "Predict",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Developer tooling for synthetic data (Scripts/make-shoot); not part of the product.
        .executableTarget(
            name: "AutotoneLab",
            dependencies: [
                "Develop", "ImageIO", "SyntheticRAW", "XMP", "Training", "Predict", "ViT", "Tensor", "SeededRandom",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // Benchmark of the ViT against OpenBLAS's own sgemm (Scripts/bench-vit).
        .executableTarget(name: "vit-bench", dependencies: ["ViT", "Tensor", "SeededRandom"], path: "Sources/ViTBench"),

        // The fuzz targets' properties (Scripts/fuzz builds them with libFuzzer); XMPTests replays
        // their corpora, so they also run, without the fuzzer, in every test run.
        .target(name: "FuzzChecks", dependencies: ["XMP", "Catalog", "CXML2"], path: "Tests/Fuzz/Checks"),

        // Lightroom test catalogs (Scripts/make-test-catalog.py), shared by three test targets.
        .target(name: "CatalogTestSupport", path: "Tests/CatalogTestSupport"),

        .testTarget(name: "SeededRandomTests", dependencies: ["SeededRandom"]),
        .testTarget(name: "ImageIOTests", dependencies: ["ImageIO", "SyntheticRAW", "SeededRandom"]),
        .testTarget(name: "SyntheticRAWTests", dependencies: ["SyntheticRAW", "ImageIO", "SeededRandom"]),
        .testTarget(name: "TensorTests", dependencies: ["Tensor", "SeededRandom"]),
        .testTarget(name: "ViTTests", dependencies: ["ViT", "Tensor", "SeededRandom"]),
        .testTarget(name: "XMPTests", dependencies: ["XMP", "FuzzChecks", "SeededRandom"]),
        .testTarget(name: "CatalogTests", dependencies: ["Catalog", "CatalogTestSupport", "XMP"]),
        .testTarget(name: "DevelopTests", dependencies: ["Develop", "ImageIO", "SeededRandom"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "Catalog", "CatalogTestSupport", "ImageIO", "SyntheticRAW", "Tensor", "ViT", "XMP", "SeededRandom"]),
        .testTarget(name: "PredictTests", dependencies: ["Predict", "ImageIO", "XMP"]),
        .testTarget(name: "AutotoneLabTests", dependencies: ["AutotoneLab", "Develop", "ImageIO", "SeededRandom", "Tensor", "Training", "ViT"]),
        // AutoTone: not imported; declared so the executable the tests run is built first.
        .testTarget(name: "AutoToneTests", dependencies: ["AutoTone", "CatalogTestSupport", "Training", "XMP", "ImageIO", "SeededRandom"]),
    ],
    swiftLanguageModes: [.v6]
)
