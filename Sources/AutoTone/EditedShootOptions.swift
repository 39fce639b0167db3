import ArgumentParser
import ImageIO
import Training

/// What `finetune` and `evaluate` share: the photos whose edits are learnt from or measured
/// against (with the decode cache) and where those edits are read (sidecars, or a Lightroom catalog).
struct EditedShootOptions: ParsableArguments {
    @OptionGroup var photos: ShootOptions

    @Option(help: "Read the edits from this Lightroom Classic catalog (.lrcat) instead of sidecars (a photo it lacks falls back to its sidecar); the catalog is only read, never changed or locked.")
    var catalog: String?

    var shoots: [String] { photos.shoots }

    /// The labelled photos, decoded through the cache (`TrainingCommandSupport.load`).
    func load(space: LabelSpace, recipe: PreprocessRecipe, quiet: Bool) throws -> (RawDataset, TensorDataset) {
        try TrainingCommandSupport.load(shoots, space: space, recipe: recipe, catalog: catalog, cacheDirectory: photos.cacheDir,
                                        recursive: photos.recursive, quiet: quiet)
    }
}
