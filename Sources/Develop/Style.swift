import Foundation

/// A synthetic photographer's taste: what a finished photo should look like (``Targets``), the
/// slider values the photographer habitually reaches for (``Habit``), and how inconsistent the
/// photographer's hand is (``Hand``). A style is data: JSON with a name, see ``BuiltInStyles``.
public struct Style: Codable, Sendable, Equatable {
    public var name: String
    public var description: String
    public var targets: Targets
    /// Prior values per slider, pulling the solver where the targets leave it free.
    public var habits: [DevelopAdjustments.Slider: Habit]
    public var hand: Hand

    public init(name: String, description: String, targets: Targets,
                habits: [DevelopAdjustments.Slider: Habit], hand: Hand) {
        self.name = name
        self.description = description
        self.targets = targets
        self.habits = habits
        self.hand = hand
    }

    /// Measurable aims for the rendered photo. Levels are sRGB-encoded luma (0…1).
    public struct Targets: Codable, Sendable, Equatable {
        /// Mean luma of the rendered photo (0.46 is middle grey on an sRGB display).
        public var middleGrey: Double
        /// Standard deviation of luma: global contrast.
        public var contrast: Double
        /// The 98th luma percentile must stay at or below this (highlight detail kept).
        public var highlightCeiling: Double
        /// The 2nd luma percentile must stay at or above this (shadow detail kept).
        public var shadowFloor: Double
        /// Fraction of pixels allowed to clip to white.
        public var whiteClipAllowance: Double
        /// Fraction of pixels allowed to clip to black.
        public var blackClipAllowance: Double
        /// Mean chroma (max − min of encoded RGB) aimed at.
        public var colourIntensity: Double
        /// 0…1: 0 keeps the photo's own colourfulness as the aim, 1 aims at `colourIntensity`
        /// whatever the photo; in between, a geometric blend of the two (limited to a change of
        /// −0.7…+0.5 in log chroma).
        public var colourNormalisation: Double
        /// 0…1: a taste for HDR-like tonality; pulls the 10th luma percentile up toward 45 % of
        /// `middleGrey` and the 90th down toward 60 % of the way from `middleGrey` to white.
        public var hdr: Double
        /// 0…1: how much of the photo's own key the tone aims keep. 0 (or absent) aims every photo
        /// at `middleGrey`; at k the aim is middleGrey^(1−k) · own^k, own being the photo's mean
        /// luma with every setting at 0, so a night scene stays darker and a white ground brighter
        /// than middle grey; the contrast, shadow floor and black-clip allowance follow the photo's
        /// own the same way, so the blacks of a low-key photo stay black.
        public var keyRetention: Double?

        public init(middleGrey: Double, contrast: Double, highlightCeiling: Double, shadowFloor: Double,
                    whiteClipAllowance: Double, blackClipAllowance: Double, colourIntensity: Double,
                    colourNormalisation: Double, hdr: Double, keyRetention: Double? = nil) {
            self.middleGrey = middleGrey
            self.contrast = contrast
            self.highlightCeiling = highlightCeiling
            self.shadowFloor = shadowFloor
            self.whiteClipAllowance = whiteClipAllowance
            self.blackClipAllowance = blackClipAllowance
            self.colourIntensity = colourIntensity
            self.colourNormalisation = colourNormalisation
            self.hdr = hdr
            self.keyRetention = keyRetention
        }

    }

    /// A slider value the photographer tends toward, and how strongly (0 = none).
    public struct Habit: Codable, Sendable, Equatable {
        public var value: Double
        public var weight: Double

        public init(value: Double, weight: Double) {
            self.value = value
            self.weight = weight
        }
    }

    /// How a human deviates from the solver's exact answer, photo by photo.
    public struct Hand: Codable, Sendable, Equatable {
        /// Standard deviation of Gaussian noise per slider, in slider units.
        public var noise: [DevelopAdjustments.Slider: Double]
        /// Values the photographer snaps to when close enough.
        public var favourites: [Favourite]
        /// Optional 8×8 correlation matrix of the noise, rows and columns in
        /// `DevelopAdjustments.Slider.allCases` order: a photographer who adds contrast on a
        /// whim tends to pull the whites too. Absent: independent noise.
        public var correlation: [[Double]]?

        public init(noise: [DevelopAdjustments.Slider: Double], favourites: [Favourite], correlation: [[Double]]? = nil) {
            self.noise = noise
            self.favourites = favourites
            self.correlation = correlation
        }

        /// The lower-triangular Cholesky factor of ``correlation``, or nil when there is none
        /// or it is not a valid (symmetric, positive definite, unit-diagonal) correlation matrix.
        func correlationFactor() -> [[Double]]? {
            guard let matrix = correlation else { return nil }
            let n = DevelopAdjustments.Slider.allCases.count
            guard matrix.count == n, matrix.allSatisfy({ $0.count == n }) else { return nil }
            for i in 0..<n {
                guard abs(matrix[i][i] - 1) < 1e-9 else { return nil }
                for j in 0..<n where abs(matrix[i][j] - matrix[j][i]) > 1e-9 || abs(matrix[i][j]) > 1 { return nil }
            }
            var factor = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
            for i in 0..<n {
                for j in 0...i {
                    var sum = matrix[i][j]
                    for k in 0..<j { sum -= factor[i][k] * factor[j][k] }
                    if i == j {
                        guard sum > 1e-12 else { return nil }
                        factor[i][i] = sum.squareRoot()
                    } else {
                        factor[i][j] = sum / factor[j][j]
                    }
                }
            }
            return factor
        }
    }

    /// With `probability`, a value within `radius` of `value` is set to exactly `value`.
    public struct Favourite: Codable, Sendable, Equatable {
        public var slider: DevelopAdjustments.Slider
        public var value: Double
        public var radius: Double
        public var probability: Double

        public init(slider: DevelopAdjustments.Slider, value: Double, radius: Double, probability: Double) {
            self.slider = slider
            self.value = value
            self.radius = radius
            self.probability = probability
        }
    }
}

/// Why a style could not be read.
public enum StyleError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case invalid(name: String, reason: String)
    case unknownStyle(name: String, known: [String])

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read style \(path): \(reason)"
        case let .invalid(name, reason): "style \(name) is invalid: \(reason)"
        case let .unknownStyle(name, known): "no style named \(name) (known: \(known.joined(separator: ", ")))"
        }
    }
}

extension Style {
    /// Decodes and validates a style from JSON.
    public init(json: Data, origin: String = "<json>") throws(StyleError) {
        do {
            self = try JSONDecoder().decode(Style.self, from: json)
        } catch {
            throw .unreadable(path: origin, reason: String(describing: error))
        }
        try validate()
    }

    /// Reads a style from a JSON file.
    public init(contentsOf url: URL) throws(StyleError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        try self.init(json: data, origin: url.path)
    }

    /// Pretty-printed JSON with sorted keys.
    public func jsonData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // Encoding plain numbers, strings and dictionaries cannot fail.
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Checks that every target lies in a range the solver can work with.
    public func validate() throws(StyleError) {
        let t = targets
        let unitChecks: [(String, Double)] = [
            ("middleGrey", t.middleGrey), ("highlightCeiling", t.highlightCeiling), ("shadowFloor", t.shadowFloor),
            ("whiteClipAllowance", t.whiteClipAllowance), ("blackClipAllowance", t.blackClipAllowance),
            ("colourNormalisation", t.colourNormalisation), ("hdr", t.hdr), ("keyRetention", t.keyRetention ?? 0),
        ]
        for (field, value) in unitChecks where !(0...1).contains(value) {
            throw .invalid(name: name, reason: "\(field) = \(value) is outside 0…1")
        }
        guard t.contrast > 0, t.contrast < 0.5 else {
            throw .invalid(name: name, reason: "contrast = \(t.contrast) is outside (0, 0.5)")
        }
        guard t.colourIntensity > 0, t.colourIntensity < 1 else {
            throw .invalid(name: name, reason: "colourIntensity = \(t.colourIntensity) is outside (0, 1)")
        }
        guard t.shadowFloor < t.middleGrey, t.middleGrey < t.highlightCeiling else {
            throw .invalid(name: name, reason: "needs shadowFloor < middleGrey < highlightCeiling")
        }
        for (slider, habit) in habits where !slider.range.contains(habit.value) || habit.weight < 0 {
            throw .invalid(name: name, reason: "habit for \(slider.rawValue) is out of range")
        }
        for favourite in hand.favourites where !favourite.slider.range.contains(favourite.value)
            || !(0...1).contains(favourite.probability) || favourite.radius < 0 {
            throw .invalid(name: name, reason: "favourite for \(favourite.slider.rawValue) is out of range")
        }
        for (slider, sigma) in hand.noise where sigma < 0 {
            throw .invalid(name: name, reason: "noise for \(slider.rawValue) is negative")
        }
        if hand.correlation != nil, hand.correlationFactor() == nil {
            throw .invalid(name: name, reason: "the noise correlation is not an 8×8 positive definite correlation matrix")
        }
    }
}
