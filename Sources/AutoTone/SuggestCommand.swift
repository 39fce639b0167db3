import ArgumentParser
import Foundation
import ImageIO
import Predict
import Training
import XMP

/// `autotone suggest SHOOT`: which photos to edit first, so finetune learns the most from them.
struct SuggestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "List the photos of a shoot to edit first, so a few edits teach AutoTone the most.",
        discussion: """
            Decodes the shoot once (through the cache), and picks photos that stand for many others \
            and are unlike those already chosen or edited, one frame per burst, in the network's own \
            features (what finetune learns from). Photos already edited are taken into account: the \
            list says what to edit next. Exit status: 0 on success, 1 when nothing could be read, \
            2 for usage errors.
            """)

    @OptionGroup var photos: ShootOptions

    @Option(help: "How many photos to suggest.")
    var count = 20

    @Option(help: "The model whose features choose (default: the shipped weights).")
    var weights: String?

    @Flag(help: "Plan as if nothing were edited yet.")
    var ignoreEdits = false

    /// For measuring the method (Scripts/evaluate-suggest.py), not for photographers.
    @Option(help: .hidden) var lambdaScale = EditSuggestion.defaultLambdaScale
    @Option(help: .hidden) var traitWeight = SuggestedEdits.defaultTraitWeight

    @Option(help: ArgumentHelp(
        "Mark the suggested photos with this Lightroom colour label (red, yellow, green, blue, purple) in their sidecars, to filter on in Lightroom after Read Metadata from Files. An existing label is kept; nothing else changes.",
        valueName: "colour"))
    var label: ColourLabel?

    @Flag(help: "Print one JSON object instead of the list.") var json = false

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1.") }
        guard lambdaScale > 0 else { throw ValidationError("--lambda-scale must be positive.") }
        if label != nil && json { throw ValidationError("--label writes sidecars; use it without --json.") }
    }

    func run() throws {
        let model = try CommandModel.load(weights)
        do {
            if let cacheDir = photos.cacheDir { try OutputFolder.prepare(URL(fileURLWithPath: cacheDir), option: "--cache-dir") }
            let cache = DecodedImageCache(directory: photos.cacheDir.map { URL(fileURLWithPath: $0) } ?? DecodedImageCache.defaultDirectory)
            let progress = ProgressLine(total: 0, noun: "photos decoded", enabled: TrainingCommandSupport.isTerminal && !json)
            let survey = ShootSurvey.load(photos.shoots, recursive: photos.recursive, preprocessor: Preprocessor(recipe: model.recipe),
                                          cache: cache) { done, total in
                progress.update(done: done, of: total)
            }
            progress.finish()
            for skip in survey.skipped { Diagnostics.notice("skipped \(skip)") }
            guard !survey.photos.isEmpty else {
                throw TrainingError.badOption("\(photos.shoots.joined(separator: ", ")): no photo could be read")
            }
            let plan = try SuggestedEdits.plan(survey, model: model, count: count, ignoreEdits: ignoreEdits,
                                              suggestion: EditSuggestion(lambdaScale: lambdaScale),
                                              traitWeight: traitWeight)
            if json {
                print(try JSONLine.encode(SuggestResult(surveyed: plan.surveyed, alreadyEdited: plan.alreadyEdited,
                                                        photos: plan.photos)))
                return
            }
            print("edit these \(plan.photos.count) first (of \(plan.surveyed) photos"
                  + (plan.alreadyEdited > 0 ? "; the \(plan.alreadyEdited) already edited are taken into account):" : "):"))
            for photo in plan.photos {
                print(String(format: "%3d  ", photo.rank) + photo.path + "  " + photo.reason)
            }
            if plan.photos.count < count {
                print("(every burst of the shoot is covered: no further photo would teach more than its burst's edit)")
            }
            if let label {
                let failures = mark(plan.photos.map { URL(fileURLWithPath: $0.path) }, label: label.rawValue.capitalized)
                if failures > 0 { throw ExitCode(1) }
            }
        } catch let error as ExitCode {
            throw error
        } catch {
            Diagnostics.report(error)
            throw ExitCode(1)
        }
    }
}

extension SuggestCommand {
    /// Lightroom's colour labels, as `xmp:Label` spells them.
    enum ColourLabel: String, ExpressibleByArgument, CaseIterable {
        case red, yellow, green, blue, purple
    }

    /// Writes `label` into each photo's sidecar through the merging writer, one folder lock at a
    /// time like predict; returns how many could not be marked.
    private func mark(_ photos: [URL], label: String) -> Int {
        // Photographer's develop settings are never touched by a label-only write, so the
        // "edited" rule does not apply; every other sidecar rule does.
        let writer = SidecarWriter(policy: SidecarPolicy(overwritePhotographerEdits: true))
        var failures = 0
        var locks: [String: FolderLock] = [:]
        for photo in photos {
            let folder = photo.deletingLastPathComponent()
            if locks[folder.path] == nil {
                switch FolderLock.tryAcquire(folder) {
                case .acquired(let lock): locks[folder.path] = lock
                case .busy: Diagnostics.notice("\(photo.path): not marked: another autotone is writing in \(folder.path)")
                    failures += 1
                    continue
                case .refused(let reason): Diagnostics.notice("\(photo.path): not marked: \(reason)")
                    failures += 1
                    continue
                case .unavailable: break
                }
            }
            let report = writer.write(.marking(label: label, rawFileName: photo.lastPathComponent), forRaw: photo, prediction: nil)
            switch report.outcome {
            case .created, .merged:
                let kept = (try? XMPReader().read(contentsOf: report.sidecar))?.colourLabel.flatMap { $0 == label ? nil : $0 }
                print(kept.map { "kept \(report.sidecar.path)'s existing label \($0)" } ?? "marked \(report.sidecar.path) \(label)")
            case .skipped(let reason):
                Diagnostics.notice("\(photo.path): not marked: \(reason)")
            case .refused(let error), .failed(let error):
                Diagnostics.notice("\(photo.path): not marked: \(error)")
                failures += 1
            }
        }
        return failures
    }
}

/// `suggest --json`'s object.
struct SuggestResult: Encodable {
    var surveyed: Int
    var alreadyEdited: Int
    var photos: [SuggestedEdits.Photo]
}
