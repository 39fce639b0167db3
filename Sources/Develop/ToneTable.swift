import Foundation

/// A ``ToneCurve`` sampled on a fine grid of stops, for rendering many pixels quickly.
///
/// Linear interpolation between increasing samples is itself increasing, so the table keeps
/// the curve's monotonicity. Building costs `count` curve evaluations; a lookup is O(1).
struct ToneTable: Sendable {
    static let lowestStops: Float = -25
    static let highestStops: Float = 12
    let values: [Float]
    let stepsPerStop: Float

    init(_ curve: ToneCurve, count: Int = 2_048) {
        stepsPerStop = Float(count - 1) / (Self.highestStops - Self.lowestStops)
        let step = 1 / stepsPerStop
        values = (0..<count).map { curve.encodedUnclipped(stops: Self.lowestStops + Float($0) * step) }
    }

    /// The encoded, unclipped display luminance for a scene luminance in stops.
    @inline(__always)
    func encodedUnclipped(stops: Float) -> Float {
        let position = (min(max(stops, Self.lowestStops), Self.highestStops) - Self.lowestStops) * stepsPerStop
        let index = min(Int(position), values.count - 2)
        let fraction = position - Float(index)
        return values[index] + (values[index + 1] - values[index]) * fraction
    }

    /// Stops relative to middle grey for a scene luminance.
    @inline(__always)
    static func stops(luminance: Float) -> Float {
        log2(max(luminance, ToneCurve.floorLuminance) / ToneCurve.middleGrey)
    }
}
