import Foundation
import ImageIO
import SeededRandom
import ViT

/// The pieces `finetune` and `evaluate` share, so that both see the same photos, split, policy
/// and smoothing for the same options.
public enum FineTuning {
    /// A shoot with fewer labelled photos than this is refused.
    public static let minimumPhotos = 4

    /// The split both commands use: bursts kept together, seeded by `seed`.
    public static func split(captureTimes: [Date?], validationFraction: Double, seed: UInt64) throws -> CaptureTimeSplit {
        var generator = Xoshiro256StarStar(seed: seed, stream: [0x5_911_7])
        do {
            return try CaptureTimeSplit.make(captureTimes: captureTimes, validationFraction: validationFraction, using: &generator)
        } catch let error as SplitError {
            throw TrainingError(error, photos: captureTimes.count)
        }
    }

    /// Refuses a dataset with too few labelled photos, naming the shoots and what was skipped.
    public static func checkEnough(_ dataset: RawDataset, shoots: [String]) throws {
        guard dataset.photos.count >= minimumPhotos else {
            let reasons = Dictionary(grouping: dataset.skipped, by: \.reason).map { "\($0.value.count) × \($0.key)" }.sorted()
            throw TrainingError.tooFewPhotos(
                found: dataset.photos.count, needed: minimumPhotos,
                detail: "in \(shoots.joined(separator: ", ")) (edit at least \(minimumPhotos) photos in Lightroom first"
                    + (reasons.isEmpty ? ")" : "; skipped: " + reasons.joined(separator: ", ") + ")"))
        }
    }

    /// A fresh model of `config` whose recipe's input size matches it.
    public static func scratchModel(config: ViTConfig, seed: UInt64) throws -> StyleModel {
        var recipe = PreprocessRecipe.vitDefault
        recipe.inputSize = config.imageSize
        return try StyleModel.initial(config: config, recipe: recipe, seed: seed)
    }
}

extension TrainingError {
    /// A split that cannot be made, said in the photographer's terms.
    public init(_ error: SplitError, photos: Int) {
        switch error {
        case .invalidFraction(let fraction):
            self = .badOption("the validation fraction must lie in 0..<1, not \(fraction)")
        case .tooFewGroups(let groups, let needed):
            self = .tooFewPhotos(found: photos, needed: needed,
                                 detail: "the \(photos) photos form \(groups) burst\(groups == 1 ? "" : "s") (photos taken within 5 s of each other), "
                                     + "and bursts never straddle a split: \(needed) are needed")
        }
    }
}
