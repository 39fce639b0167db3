import ArgumentParser
import Foundation
import ImageIO
import Training

/// `autotone-lab curve WEIGHTS`: the pretraining curve's two figures for a weights file, without
/// the run folder that logged them. The fixed validation samples of the training photographs and
/// of the held-out ones are `pretrain`'s bit for bit, given its scenes, seed and hold-out (the
/// first 256 are the run's; more steady the figures); `--unseen-scenes` takes the unseen samples
/// from another folder's photographs, e.g. the evaluation set's. Each is scored alone, as the
/// run's log scores it, and as `predict` writes: the mean of a sample and its mirror image (the
/// samples come in such pairs). Prints MSE, ratio to the mean baseline, and unseen ÷ seen.
struct Curve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score weights on the pretraining curve's fixed samples (training and held-out photographs).")

    @Argument(help: "An exported AutoTone weights file in the style's eight settings.") var weights: String
    @Option(help: "The scene folder the run trained on.") var scenes: String
    @Option(help: "The style the weights answer in (a built-in name or a style JSON).") var style = "neutral"
    @Option(help: "The run's hold-out: every Nth source photograph (sorted by name).") var holdOutEvery = 4
    @Option(help: "Score the unseen samples on every scene of this folder instead of --scenes' held-out photographs (e.g. the evaluation photographs).")
    var unseenScenes: String?
    @Option(help: "The run's seed.") var seed: UInt64 = 1
    @Option(help: "The run's number of validation samples.") var validationSamples = 256
    @Option(help: "Threads that make samples.") var threads = 2
    @Flag(help: "One JSON object instead of the table.") var json = false

    struct Figures: Codable {
        struct Scored: Codable {
            var samples: Int
            var meanBaseline: Double
            /// Every sample alone (the run's log).
            var alone: Double
            /// Each sample as the mean of it and its mirror image (what `predict` writes).
            var bothViews: Double
        }
        var weights: String
        var trainingPhotographs: Scored
        /// The held-out photographs of the run, or those of `--unseen-scenes`.
        var unseenPhotographs: Scored
    }

    func validate() throws {
        guard holdOutEvery > 0 else { throw ValidationError("--hold-out-every must be at least 1: the curve needs held-out photographs.") }
        guard validationSamples >= 2 else { throw ValidationError("--validation-samples must be at least 2.") }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: weights) else { throw ValidationError("\(weights): no such file.") }
        let model = try StyleModel.load(URL(fileURLWithPath: weights))
        guard model.descriptors.map(\.name) == StyleHeads.block.map(\.name) else {
            throw ValidationError("\(weights): not a model of the eight standard settings.")
        }
        let folder = try SceneFolder(path: scenes)
        let (training, heldOut) = folder.split(holdingOutEvery: holdOutEvery)
        let unseenFolder = try unseenScenes.map { try SceneFolder(path: $0) } ?? folder
        let unseen = unseenScenes == nil ? heldOut : unseenFolder.entries
        guard !training.isEmpty, !unseen.isEmpty else {
            throw ValidationError("--hold-out-every \(holdOutEvery) leaves \(training.count) training and \(unseen.count) unseen scenes in "
                                  + (unseenScenes ?? scenes) + ".")
        }
        // The main style alone labels the same images: other styles are drawn after the capture.
        let heads = StyleHeads(main: try StyleOption.load(style), others: [])
        let space = LabelSpace(descriptors: model.descriptors)
        let preprocessor = Preprocessor(recipe: model.recipe)
        let numbers = (0..<(validationSamples + 1) / 2).map { Pretrain.validationStart + $0 }
        func scored(_ entries: [SceneFolder.Entry], in folder: SceneFolder) throws -> Figures.Scored {
            let samples = PretrainingSamples(scenes: try entries.map(folder.image), heads: heads, space: space,
                                             preprocessor: preprocessor, seed: seed)
                .pairs(numbers, threads: threads)
            let predictions = try Trainer.predictions(for: samples.map(\.image), model: model,
                                                      preprocessor: preprocessor, threads: threads)
            // Samples 2k and 2k + 1 are a sample and its mirror image.
            let bothViews = stride(from: 0, to: predictions.count, by: 2).flatMap { index in
                let mean = zip(predictions[index], predictions[index + 1]).map { ($0 + $1) / 2 }
                return [mean, mean]
            }
            let labels = samples.map(\.label)
            let alone = Pretrain.losses(predictions, labels), paired = Pretrain.losses(bothViews, labels)
            return Figures.Scored(samples: samples.count, meanBaseline: alone.mean, alone: alone.model, bothViews: paired.model)
        }
        let figures = Figures(weights: model.identity, trainingPhotographs: try scored(training, in: folder),
                              unseenPhotographs: try scored(unseen, in: unseenFolder))
        if json {
            print(String(decoding: try JSONEncoder.pretty.encode(figures), as: UTF8.self))
            return
        }
        print("\(figures.weights): pretraining curve samples, MSE (÷ mean baseline)")
        print("                       alone            both views (predict)")
        for (name, scored) in [("training photographs", figures.trainingPhotographs),
                               (unseenScenes == nil ? "held-out photographs" : "unseen scene folder", figures.unseenPhotographs)] {
            print(name.padding(toLength: 21, withPad: " ", startingAt: 0)
                + String(format: "  %.4f (%.3f×)   %.4f (%.3f×)   %d samples", scored.alone, scored.alone / scored.meanBaseline,
                         scored.bothViews, scored.bothViews / scored.meanBaseline, scored.samples))
        }
        let seen = figures.trainingPhotographs, other = figures.unseenPhotographs
        print(String(format: "unseen ÷ seen          %.2f             %.2f", other.alone / seen.alone, other.bothViews / seen.bothViews))
    }
}
