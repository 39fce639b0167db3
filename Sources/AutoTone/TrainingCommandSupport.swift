import Catalog
import Foundation
import ImageIO
import Predict
import Training
import ViT

/// What `finetune` and `evaluate` share in the terminal: the dataset loading with its skipped
/// files and decode progress, and the per-epoch progress line (on a terminal only).
enum TrainingCommandSupport {
    static var isTerminal: Bool { isatty(FileHandle.standardError.fileDescriptor) == 1 }

    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Labelled photos of `shoots`, decoded through the cache; labels from the Lightroom catalog
    /// `catalog` when given, else from sidecars. Skipped files and notices about labels are
    /// listed on standard error unless `quiet`.
    static func load(_ shoots: [String], space: LabelSpace, recipe: PreprocessRecipe, catalog: String? = nil,
                     cacheDirectory: String?, recursive: Bool, quiet: Bool) throws -> (RawDataset, TensorDataset) {
        if let cacheDirectory {
            try OutputFolder.prepare(URL(fileURLWithPath: cacheDirectory), option: "--cache-dir")
        }
        var dataset: RawDataset
        if let catalog {
            let lightroom = try LightroomCatalog(url: URL(fileURLWithPath: catalog))
            dataset = try RawDataset.load(shoots, space: space, recursive: recursive, catalog: lightroom)
        } else {
            dataset = RawDataset.load(shoots, space: space, recursive: recursive)
        }
        if !quiet {
            for notice in dataset.notices { note("note: " + notice) }
        }
        try FineTuning.checkEnough(dataset, shoots: shoots)
        let cache = DecodedImageCache(directory: cacheDirectory.map { URL(fileURLWithPath: $0) } ?? DecodedImageCache.defaultDirectory)
        let progress = ProgressLine(total: dataset.photos.count, noun: "photos decoded", enabled: isTerminal && !quiet)
        let tensors = TensorDataset.load(dataset.photos, preprocessor: Preprocessor(recipe: recipe), cache: cache) { done, total in
            progress.update(done: done, of: total)
        }
        progress.finish()
        dataset.skipped += tensors.failures
        if !quiet {
            for skip in dataset.skipped { note("skipped \(skip)") }
        }
        guard tensors.photos.count >= FineTuning.minimumPhotos else {
            throw TrainingError.tooFewPhotos(found: tensors.photos.count, needed: FineTuning.minimumPhotos,
                                             detail: "only \(tensors.photos.count) labelled photos could be decoded")
        }
        return (dataset, tensors)
    }

    /// The per-epoch line, on a terminal only.
    static func epochReporter(quiet: Bool, prefix: String = "") -> (EpochRecord, TrainingState) -> Void {
        let live = isTerminal && !quiet
        return { record, state in
            if live { note(prefix + EpochProgress.describe(record, state: state)) }
        }
    }

    /// A model to start training from: `--init FILE`, `--from-scratch`, or the shipped weights.
    static func startingModel(initPath: String?, fromScratch: Bool, config: String, seed: UInt64) throws -> (StyleModel, String) {
        if let initPath {
            return (try StyleModel.load(URL(fileURLWithPath: initPath), seed: seed), initPath)
        }
        if fromScratch {
            guard let preset = ViTConfig.preset(named: config) else {
                throw TrainingError.badOption("--config must be tiny, small, base or micro, not \(config)")
            }
            return (try FineTuning.scratchModel(config: preset, seed: seed), "scratch:\(config.lowercased())")
        }
        if let shipped = ShippedWeights.locate() {
            return (try StyleModel.load(shipped, seed: seed), shipped.path)
        }
        throw TrainingError.badOption(
            "the shipped weights (\(ShippedWeights.relativePath)) are not installed yet: pass --init FILE "
            + "(an AutoTone model or a Hugging Face google/vit checkpoint) or --from-scratch [--config tiny|small|base|micro]")
    }
}
