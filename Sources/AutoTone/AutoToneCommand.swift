import ArgumentParser
import Foundation

/// The `autotone` tool: thin commands over the library modules.
@main
struct AutoToneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autotone",
        abstract: "Develops a shoot in a photographer's style by writing Lightroom XMP sidecars.",
        subcommands: [PredictCommand.self, PreviewCommand.self, FinetuneCommand.self, EvaluateCommand.self,
                      InspectCommand.self, SuggestCommand.self])

    /// Runs the command; usage errors exit with status 2 (ArgumentParser's default is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
