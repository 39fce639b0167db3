/// What a user can ask of `autotone predict`.
public struct PredictOptions: Sendable {
    public var recursive = false
    public var includeJPEG = false
    /// Replace develop settings the photographer made (`--overwrite-edited`).
    public var overwriteEdited = false
    /// Write sidecars next to DNGs too, though Lightroom will not read them.
    public var dngSidecars = false
    /// Write `crs:HDREditMode="1"`; nil follows the model (HDR when it learnt from HDR edits).
    public var hdr: Bool?
    /// Predict and report, write nothing.
    public var dryRun = false
    /// Predict again even where the sidecar already holds this model's prediction.
    public var repredict = false
    /// Decoding threads.
    public var jobs = 2
    /// Photos per model call.
    public var batchSize = 8
    /// Keep a `.bak` copy of each sidecar before changing it.
    public var backup = false
    /// Seconds to wait for another run working in the same folder (`FolderLock`); its photos
    /// fail after that. Infinite: wait as long as it takes.
    public var lockTimeout = Double.infinity

    public init() {}
}
