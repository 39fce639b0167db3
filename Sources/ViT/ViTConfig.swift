// The shape of a Vision Transformer and the settings it predicts.

/// One predicted value: the name of the setting and the factor from the network's (-1, 1) to it.
///
/// The ViT knows nothing of XMP; `[OutputSpec(name: "Exposure2012", scale: 5), …]` is data
/// stored with the weights.
public struct OutputSpec: Codable, Sendable, Equatable, Hashable {
    public var name: String
    public var scale: Float
    public init(name: String, scale: Float) {
        self.name = name
        self.scale = scale
    }
}

/// Errors in a configuration or in what is handed to the model.
public enum ViTError: Error, Equatable, CustomStringConvertible {
    case invalidConfig(String)
    case badInput(String)

    public var description: String {
        switch self {
        case let .invalidConfig(s): return "invalid ViT configuration: \(s)"
        case let .badInput(s): return "bad model input: \(s)"
        }
    }
}

/// The architecture of a ViT: image and patch size, width, depth, heads, MLP width.
public struct ViTConfig: Codable, Sendable, Equatable, Hashable {
    public var imageSize: Int
    public var patchSize: Int
    public var channels: Int
    public var dim: Int
    public var depth: Int
    public var heads: Int
    public var mlpDim: Int
    /// timm uses 1e-6; Hugging Face ViT checkpoints 1e-12.
    public var layerNormEps: Double

    public init(imageSize: Int = 224, patchSize: Int = 16, channels: Int = 3, dim: Int, depth: Int,
                heads: Int, mlpDim: Int, layerNormEps: Double = 1e-6) {
        self.imageSize = imageSize
        self.patchSize = patchSize
        self.channels = channels
        self.dim = dim
        self.depth = depth
        self.heads = heads
        self.mlpDim = mlpDim
        self.layerNormEps = layerNormEps
    }

    public var grid: Int { imageSize / patchSize }
    public var patchCount: Int { grid * grid }
    /// Patches plus the class token.
    public var tokens: Int { patchCount + 1 }
    /// Values in one unfolded patch: channels · patch².
    public var patchDim: Int { channels * patchSize * patchSize }
    public var headDim: Int { dim / heads }
    /// Elements of one input image.
    public var inputCount: Int { channels * imageSize * imageSize }

    /// ViT-Ti/16: 192 wide, 12 blocks, 3 heads, MLP 768 (5.5 M parameters).
    public static let tiny = ViTConfig(dim: 192, depth: 12, heads: 3, mlpDim: 768)
    /// ViT-S/16: 384 wide, 12 blocks, 6 heads, MLP 1536 (22 M parameters).
    public static let small = ViTConfig(dim: 384, depth: 12, heads: 6, mlpDim: 1536)
    /// ViT-B/16: 768 wide, 12 blocks, 12 heads, MLP 3072 (86 M parameters).
    public static let base = ViTConfig(dim: 768, depth: 12, heads: 12, mlpDim: 3072)
    /// A model for tests: 32×32 images (4 patches of 16×16), 16 wide, 2 blocks, 2 heads, MLP 32.
    public static let micro = ViTConfig(imageSize: 32, dim: 16, depth: 2, heads: 2, mlpDim: 32)

    public static let presets: [String: ViTConfig] = ["tiny": tiny, "small": small, "base": base, "micro": micro]

    /// A preset by name (`tiny`, `small`, `base`, `micro`), or nil.
    public static func preset(named name: String) -> ViTConfig? { presets[name.lowercased()] }

    public func validate() throws {
        func check(_ ok: Bool, _ what: String) throws { if !ok { throw ViTError.invalidConfig(what) } }
        try check(patchSize > 0 && imageSize > 0 && imageSize % patchSize == 0,
                  "image size \(imageSize) is not a positive multiple of patch size \(patchSize)")
        try check(channels > 0, "channels \(channels) must be positive")
        try check(dim > 0 && heads > 0 && dim % heads == 0, "width \(dim) is not divisible by \(heads) heads")
        try check(depth >= 0, "depth \(depth) is negative")
        try check(mlpDim > 0, "MLP width \(mlpDim) must be positive")
        try check(layerNormEps > 0 && layerNormEps.isFinite, "layer norm epsilon \(layerNormEps) must be positive")
        try check(dim <= 1 << 16 && depth <= 1 << 10 && mlpDim <= 1 << 18 && imageSize <= 1 << 13,
                  "sizes are implausibly large")
    }
}

/// Training-time noise: dropout on each residual branch's output and stochastic depth
/// (whole branches dropped per sample, rate rising linearly from 0 to `dropPath` over the blocks).
public struct Regularization: Sendable, Equatable {
    public var dropout: Float
    public var dropPath: Float
    public init(dropout: Float = 0, dropPath: Float = 0) {
        self.dropout = dropout
        self.dropPath = dropPath
    }
    public static let none = Regularization()
    public var isActive: Bool { dropout > 0 || dropPath > 0 }
}

/// Which parameters training may change.
public enum Freezing: Sendable, Equatable {
    /// Everything trains.
    case none
    /// Only the head (Linear → tanh) trains.
    case headOnly
    /// The last `n` blocks, the final layer norm and the head train.
    case lastBlocks(Int)
}
