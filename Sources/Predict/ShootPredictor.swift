import Foundation
import ImageIO
import XMP

/// `autotone predict` as a library: finds the photos, decodes them on several threads, runs the
/// model on batches of whatever is decoded, and writes each sidecar as its prediction arrives.
///
/// Before any decoding, each photo's sidecar is planned (`SidecarWriter.plan`): a photo whose
/// sidecar holds the photographer's edit, or already this model's prediction for this very RAW,
/// is reported and never decoded, so a re-run over a finished shoot is quick.
public struct ShootPredictor: Sendable {
    public var model: any SettingsPredictor
    public var options: PredictOptions

    public init(model: any SettingsPredictor, options: PredictOptions) {
        self.model = model
        self.options = options
    }

    /// A photo after the worker's stage: either finished already, or ready for the model.
    enum Prepared: Sendable {
        case finished(PhotoResult)
        case ready(Ready)
    }

    struct Ready: Sendable {
        var raw: URL
        var fingerprint: String
        var tensor: ImageTensor
        var decodeSeconds: Double
        var plannedAction: SidecarPolicy.Action
        var warnings: [String]
    }

    private var writer: SidecarWriter {
        SidecarWriter(
            policy: SidecarPolicy(overwritePhotographerEdits: options.overwriteEdited,
                                  writeSidecarForDNG: options.dngSidecars, repredict: options.repredict),
            fileWriter: AtomicFileWriter(makeBackup: options.backup))
    }

    /// Runs over `paths` (files and folders). `report` is called on the calling thread for
    /// every photo as it finishes, in completion order.
    public func run(_ paths: [String], cancellation: CancellationFlag = CancellationFlag(),
                    progress: ProgressLine? = nil, report: (PhotoResult) -> Void = { _ in },
                    notice: (String) -> Void = { _ in }) -> PredictSummary {
        run(discover(paths), cancellation: cancellation, progress: progress, report: report, notice: notice)
    }

    /// The photos (and the problems with the paths) that `run` works on, by the options' rules.
    public func discover(_ paths: [String]) -> PhotoDiscovery.Found {
        PhotoDiscovery(recursive: options.recursive, includeJPEG: options.includeJPEG).find(paths)
    }

    /// Runs over photos already discovered (so a caller can size its progress line first).
    /// Unless it is a dry run, each folder is locked first (`FolderLocking`); `notice` hears
    /// what the run waits for and what it cleans up.
    public func run(_ found: PhotoDiscovery.Found, cancellation: CancellationFlag = CancellationFlag(),
                    progress: ProgressLine? = nil, report: (PhotoResult) -> Void = { _ in },
                    notice: (String) -> Void = { _ in }) -> PredictSummary {
        var clock = Stopwatch()
        var summary = PredictSummary()
        func finish(_ result: PhotoResult) {
            summary.add(result)
            progress?.advance(failed: result.isFailure ? 1 : 0)
            report(result)
        }
        for problem in found.problems {
            finish(PhotoResult(path: problem.path, outcome: .failed, reason: problem.reason))
        }
        for passedOver in found.notices { notice(passedOver.description) }
        var photos = found.photos
        var locking: FolderLocking?
        if !options.dryRun {
            let locks = FolderLocking(photos: photos, timeout: options.lockTimeout, cancellation: cancellation, notice: notice)
            locks.refused.forEach(finish)
            photos = locks.photos
            locking = locks
        }
        let pipeline = DecodePipeline(workers: max(1, options.jobs), batchSize: max(1, options.batchSize))
        let pipelineRun = pipeline.run(photos, cancellation: cancellation, prepare: prepare) { batch in
            var ready: [Ready] = []
            for item in batch {
                switch item {
                case .finished(let result): finish(result)
                case .ready(let photo): ready.append(photo)
                }
            }
            for result in predictAndWrite(ready) { finish(result) }
        }
        summary.notReached = found.photos.count - pipelineRun.consumed - (locking?.refused.count ?? 0)
        summary.pipeline = pipelineRun.timeline
        withExtendedLifetime(locking) {}  // the folders stay locked until every write is done
        summary.seconds = clock.lap()
        progress?.finish()
        return summary
    }

    /// The worker's stage: fingerprint, plan, decode and preprocess one photo.
    @Sendable
    func prepare(_ raw: URL) -> Prepared {
        var clock = Stopwatch()
        let fingerprint: String
        do {
            fingerprint = try FileIdentity(url: raw).contentFingerprint
        } catch {
            return .finished(PhotoResult(path: raw.path, outcome: .failed, reason: "\(error)"))
        }
        let decision = writer.plan(forRaw: raw, prediction: stampIdentity(fingerprint))
        var warnings = decision.warnings.map(\.description)
        switch decision.action {
        case .skip(let reason):
            return .finished(PhotoResult(path: raw.path, outcome: .skipped, reason: reason.description, warnings: warnings))
        case .refuse(let error):
            return .finished(PhotoResult(path: raw.path, outcome: .refused, reason: error.description, warnings: warnings))
        case .create, .merge:
            break
        }
        // A DNG keeps the photographer's edit inside the file: that edit counts like a sidecar's.
        if RawFileTypes.isDNG(raw) && !options.overwriteEdited, let reason = embeddedEdit(in: raw) {
            let foreign = decision.warnings.filter {
                if case .foreignSidecarIgnored = $0 { return true } else { return false }
            }
            return .finished(PhotoResult(path: raw.path, outcome: .skipped, reason: reason,
                                         warnings: foreign.map(\.description)))
        }
        if PhotoDecoder.isJPEG(raw) {
            warnings.append("\(raw.lastPathComponent) is a JPEG: Lightroom reads a JPEG's settings from inside the file, not from a sidecar")
        }
        do {
            let photo = try PhotoDecoder.decodeShrunk(raw, recipe: model.recipe)
            let tensor = Preprocessor(recipe: model.recipe).encode(photo.image)
            return .ready(Ready(raw: raw, fingerprint: fingerprint, tensor: tensor, decodeSeconds: clock.lap(),
                                plannedAction: decision.action, warnings: warnings))
        } catch {
            return .finished(PhotoResult(path: raw.path, outcome: .failed, reason: "\(error)", warnings: warnings,
                                         timings: PhotoResult.Timings(decode: clock.lap())))
        }
    }

    /// Why a DNG is skipped because of the develop settings embedded in it, or nil.
    private func embeddedEdit(in raw: URL) -> String? {
        guard let packet = try? RawDecoder.readMetadata(raw).embeddedXMP,
              let reading = try? XMPReader().read(data: packet, source: raw.path),
              reading.hasPhotographerSettings else { return nil }
        return "\(raw.path): the DNG carries the photographer's develop settings inside it; not overwritten "
            + "(ask to overwrite them explicitly)"
    }

    private func stampIdentity(_ fingerprint: String) -> SidecarPolicy.Prediction {
        SidecarPolicy.Prediction(model: model.identity, rawFingerprint: fingerprint)
    }

    /// The consumer's stage for the photos of one batch that are ready.
    func predictAndWrite(_ batch: [Ready]) -> [PhotoResult] {
        guard !batch.isEmpty else { return [] }
        var clock = Stopwatch()
        let predictions: [SettingsPrediction]
        do {
            predictions = try model.predict(batch.map(\.tensor))
            guard predictions.count == batch.count else {
                throw PredictError.wrongBatchSize(expected: batch.count, got: predictions.count)
            }
        } catch {
            return batch.map { PhotoResult(path: $0.raw.path, outcome: .failed, reason: "prediction failed: \(error)",
                                           warnings: $0.warnings) }
        }
        let predictSeconds = clock.lap() / Double(batch.count)
        let hdr = options.hdr ?? model.learntFromHDREdits
        return zip(batch, predictions).map { photo, prediction in
            let settings = DevelopSettings(unitValues: prediction.unitValues.map { $0 }, descriptors: model.descriptors)
            var result = PhotoResult(
                path: photo.raw.path, outcome: .failed, settings: settings.valuesByName,
                confidence: prediction.confidence, warnings: photo.warnings,
                timings: PhotoResult.Timings(decode: photo.decodeSeconds, predict: predictSeconds))
            if options.dryRun {
                switch photo.plannedAction {
                case .create(let url): (result.outcome, result.sidecar) = (.wouldCreate, url.path)
                case .merge(let url): (result.outcome, result.sidecar) = (.wouldMerge, url.path)
                case .skip, .refuse: break  // finished in the worker
                }
                return result
            }
            var writeClock = Stopwatch()
            let stamp = AutoToneStamp(model: model.identity, rawFingerprint: photo.fingerprint, settings: settings)
            let content = SidecarContent(settings: settings, rawFileName: photo.raw.lastPathComponent, hdr: hdr, stamp: stamp)
            let report = writer.write(content, forRaw: photo.raw, prediction: stampIdentity(photo.fingerprint))
            result.timings.write = writeClock.lap()
            result.sidecar = report.sidecar.path
            result.warnings += report.warnings.map(\.description).filter { !result.warnings.contains($0) }
            switch report.outcome {
            case .created: result.outcome = .created
            case .merged: result.outcome = .merged
            case .skipped(let reason): (result.outcome, result.reason) = (.skipped, reason.description)
            case .refused(let error): (result.outcome, result.reason) = (.refused, error.description)
            case .failed(let error): (result.outcome, result.reason) = (.failed, error.description)
            }
            return result
        }
    }
}

/// Failures of the prediction stage itself.
public enum PredictError: Error, CustomStringConvertible {
    case wrongBatchSize(expected: Int, got: Int)

    public var description: String {
        switch self {
        case .wrongBatchSize(let expected, let got): return "the model returned \(got) predictions for \(expected) photos"
        }
    }
}
