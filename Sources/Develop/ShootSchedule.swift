import Foundation
import SeededRandom

/// How a synthetic shoot unfolds: which photos show a new scene and which are burst frames of
/// the photo before, when each was taken, how each was exposed, and which burst frames the
/// photographer synced (gave the burst's first frame's settings).
///
/// A burst frame repeats the previous photo's scene, moved sideways by a photosite pair or two
/// and with a touch of exposure jitter, both drifting from frame to frame as a hand-held
/// camera does; it follows 0.3–2.5 s after the previous photo. A new scene follows 20–900 s
/// after it, with a fresh ``RawLikeRecipe``. Built in O(photos) from a seeded generator: the
/// same seed gives the same schedule.
public struct ShootSchedule: Sendable, Equatable {
    /// One photo of the shoot.
    public struct Frame: Sendable, Equatable {
        /// Which new scene this is (0, 1, 2, … in shooting order); burst frames repeat their
        /// lead frame's number.
        public var sceneNumber: Int
        /// For burst frames, the index of the burst's first frame (itself not a burst frame).
        public var leadFrame: Int?
        public var captureDate: Date
        public var recipe: RawLikeRecipe
        /// Horizontal shift of the scene in pixels against the lead frame (even, so the Bayer
        /// phase stays); 0 for lead frames.
        public var shift: Int
        /// True when the photographer copied the lead frame's settings to this burst frame.
        public var synced: Bool

        public var isBurstFrame: Bool { leadFrame != nil }
    }

    public private(set) var frames: [Frame]

    /// Plans `photos` frames starting at `start`.
    /// - Parameters:
    ///   - burstProbability: chance that a photo (other than the first) is a burst frame of
    ///     the one before.
    ///   - syncProbability: chance that a burst frame gets its lead frame's settings.
    public init<G: RandomNumberGenerator>(photos: Int, burstProbability: Double, syncProbability: Double,
                                          start: Date, using rng: inout G) {
        precondition(photos >= 0 && (0...1).contains(burstProbability) && (0...1).contains(syncProbability))
        frames = []
        frames.reserveCapacity(photos)
        var time = start
        var scenes = 0
        for index in 0..<photos {
            if let previous = frames.last, rng.nextLowBitsUniform(in: 0..<1) < burstProbability {
                let shift = previous.shift + 2 * rng.nextInteger(in: -2...2)
                let recipe = RawLikeRecipe(
                    exposureError: previous.recipe.exposureError + rng.nextLowBitsUniform(in: -0.1...0.1),
                    flattening: previous.recipe.flattening)
                time += rng.nextLowBitsUniform(in: 0.3...2.5)
                let synced = rng.nextLowBitsUniform(in: 0..<1) < syncProbability
                frames.append(Frame(sceneNumber: previous.sceneNumber, leadFrame: previous.leadFrame ?? index - 1,
                                    captureDate: time, recipe: recipe, shift: shift, synced: synced))
            } else {
                let recipe = RawLikeRecipe.random(using: &rng)
                time += rng.nextLowBitsUniform(in: 20...900)
                frames.append(Frame(sceneNumber: scenes, leadFrame: nil, captureDate: time, recipe: recipe,
                                    shift: 0, synced: false))
                scenes += 1
            }
        }
    }
}
