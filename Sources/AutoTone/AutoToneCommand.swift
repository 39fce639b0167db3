import ArgumentParser

/// The `autotone` tool: thin commands over the library modules.
@main
struct AutoToneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autotone",
        abstract: "Develops a shoot in a photographer's style by writing Lightroom XMP sidecars.",
        subcommands: [InspectCommand.self, FinetuneCommand.self, EvaluateCommand.self])
}
