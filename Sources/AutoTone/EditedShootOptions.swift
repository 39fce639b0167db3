import ArgumentParser
import ImageIO
import Training

/// What `finetune` and `evaluate` share: the photos whose edits are learnt from or measured
/// against, where those edits are read (sidecars, or a Lightroom catalog) and the decode cache.
struct EditedShootOptions: ParsableArguments {
    @Argument(help: "Shoot folders or RAW files.")
    var shoots: [String]

    @Option(help: "Read the edits from this Lightroom Classic catalog (.lrcat) instead of sidecars (a photo it lacks falls back to its sidecar); the catalog is only read, never changed or locked.")
    var catalog: String?

    @Option(help: "Folder of the decoded-image cache.")
    var cacheDir: String?

    @Flag(help: "Look for RAWs in subfolders too.")
    var recursive = false

    /// The labelled photos, decoded through the cache (`TrainingCommandSupport.load`).
    func load(space: LabelSpace, recipe: PreprocessRecipe, quiet: Bool) throws -> (RawDataset, TensorDataset) {
        try TrainingCommandSupport.load(shoots, space: space, recipe: recipe, catalog: catalog, cacheDirectory: cacheDir,
                                        recursive: recursive, quiet: quiet)
    }
}
