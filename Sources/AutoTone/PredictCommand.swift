import ArgumentParser
import Foundation
import Predict
import Training

/// `autotone predict PATH…`: a sidecar for every RAW of a shoot.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict develop settings for RAWs and write them into Lightroom XMP sidecars.",
        discussion: """
            Existing sidecars are merged: only the eight settings and AutoTone's bookkeeping change. \
            A sidecar holding the photographer's own develop settings is left alone unless \
            --overwrite-edited; darktable's NAME.EXT.xmp is never touched. Exit status: 0 when every \
            photo succeeded (skips included), 1 when some failed, 2 for usage errors.
            """)

    @Argument(help: "RAW files and folders.")
    var paths: [String]

    @Option(help: "The model (default: the shipped Weights/autotone-vit-tiny.safetensors).")
    var weights: String?

    @Flag(help: "Descend into subfolders.")
    var recursive = false

    @Flag(help: "Also develop JPEGs (Lightroom reads a JPEG's settings from inside the file, not a sidecar).")
    var includeJPEG = false

    @Flag(help: "Replace develop settings the photographer made in Lightroom.")
    var overwriteEdited = false

    @Flag(help: "Write NAME.xmp next to DNGs too (Lightroom reads a DNG's settings from inside the DNG).")
    var dngSidecars = false

    @Flag(inversion: .prefixedNo, help: "Write Lightroom's HDR edit mode (default: as the model learnt).")
    var hdr: Bool?

    @Flag(help: "Predict and report; write nothing.")
    var dryRun = false

    @Flag(help: "Predict again where the sidecar already holds this model's prediction for the RAW.")
    var repredict = false

    @Flag(help: "Keep NAME.xmp.bak, a copy of each sidecar before its first change.")
    var backup = false

    @Flag(help: "Skip the mirrored second view: faster, no confidence, and the values of the photo as given alone instead of both views' mean.")
    var noConfidence = false

    @Option(help: ArgumentHelp(
        "Seconds to wait for another autotone predict working in the same folder, then fail its photos (default: wait until it is done).",
        valueName: "seconds"))
    var lockTimeout: Double?

    @Option(help: "Decoding threads.")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Photos per model call.")
    var batchSize = 8

    @Flag(help: "One JSON record per photo on standard output; the summary goes to standard error.")
    var json = false

    @Flag(help: "Also print where the decoding threads and the model spent the run.")
    var timeline = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1.") }
        if let lockTimeout, !(lockTimeout >= 0) { throw ValidationError("--lock-timeout must be 0 or more seconds.") }
    }

    func run() throws {
        let model = try CommandModel.load(weights)
        var options = PredictOptions()
        options.recursive = recursive
        options.includeJPEG = includeJPEG
        options.overwriteEdited = overwriteEdited
        options.dngSidecars = dngSidecars
        options.hdr = hdr
        options.dryRun = dryRun
        options.repredict = repredict
        options.backup = backup
        options.jobs = jobs
        options.batchSize = batchSize
        options.lockTimeout = lockTimeout ?? .infinity

        let cancellation = CancellationFlag()
        let predictor = ShootPredictor(
            model: StyleModelPredictor(model: model, estimatesConfidence: !noConfidence), options: options)
        let found = predictor.discover(paths)
        let progress = ProgressLine(total: found.photos.count + found.problems.count)
        let summary = withExtendedLifetime(InterruptHandler(raising: cancellation)) {
            predictor.run(found, cancellation: cancellation, progress: progress, report: { result in
                if json, let line = try? JSONLine.encode(result) { print(line) }
            }, notice: Diagnostics.notice)
        }
        // Warnings and failures go to standard error, so piped output holds only the account.
        for warning in summary.warnings { Diagnostics.notice("warning: " + warning) }
        for line in summary.problemLines { Diagnostics.notice(line) }
        let timelineLines = timeline ? [summary.pipeline?.line].compactMap { $0 } : []
        let text = (summary.lines + SummaryText.confidenceLines(summary) + timelineLines).joined(separator: "\n") + "\n"
        if json {
            FileHandle.standardError.write(Data(text.utf8))
        } else {
            print(text, terminator: "")
        }
        if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
    }
}
