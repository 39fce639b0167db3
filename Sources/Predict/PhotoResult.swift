import Foundation

/// What `predict` did for one photo: one `--json` record.
public struct PhotoResult: Sendable, Codable, Equatable {
    public enum Outcome: String, Sendable, Codable {
        /// A new sidecar was written.
        case created
        /// AutoTone's values were merged into an existing sidecar.
        case merged
        /// With `--dry-run`: what would have been written.
        case wouldCreate = "would-create"
        case wouldMerge = "would-merge"
        /// Nothing to do (the photographer's edit, already predicted, a DNG): not a failure.
        case skipped
        /// Not written by rule (a base-name clash, an unreadable sidecar): counts as a failure.
        case refused
        /// Decoding, prediction or writing failed.
        case failed
    }

    public var path: String
    public var outcome: Outcome
    /// The sidecar written, merged or that would have been.
    public var sidecar: String?
    /// The predicted values by XMP name, as written (absent when no prediction was made).
    public var settings: [String: Double]?
    /// 0…1, higher is more trustworthy.
    public var confidence: Double?
    /// Why the photo was skipped, refused or failed.
    public var reason: String?
    public var warnings: [String]
    /// Seconds spent on this photo in each stage.
    public var timings: Timings

    public struct Timings: Sendable, Codable, Equatable {
        public var decode: Double = 0
        public var predict: Double = 0
        public var write: Double = 0

        public init(decode: Double = 0, predict: Double = 0, write: Double = 0) {
            self.decode = decode
            self.predict = predict
            self.write = write
        }
    }

    public init(path: String, outcome: Outcome, sidecar: String? = nil, settings: [String: Double]? = nil,
                confidence: Double? = nil, reason: String? = nil, warnings: [String] = [],
                timings: Timings = Timings()) {
        self.path = path
        self.outcome = outcome
        self.sidecar = sidecar
        self.settings = settings
        self.confidence = confidence
        self.reason = reason
        self.warnings = warnings
        self.timings = timings
    }

    /// Failures decide the exit status: refused and failed photos did not get a sidecar.
    public var isFailure: Bool { outcome == .failed || outcome == .refused }
}
