import ArgumentParser

/// The photos a command reads, as `finetune`, `evaluate` and `suggest` take them: shoot folders
/// or RAW files, subfolders on request, and the decoded-image cache they go through.
struct ShootOptions: ParsableArguments {
    @Argument(help: "Shoot folders or RAW files.")
    var shoots: [String]

    @Option(help: "Folder of the decoded-image cache.")
    var cacheDir: String?

    @Flag(help: "Look for RAWs in subfolders too.")
    var recursive = false
}
