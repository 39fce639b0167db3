import ArgumentParser
import Foundation
import Training

/// The model a command runs on: `--weights FILE`, else the shipped weights.
enum CommandModel {
    /// Loads it; neither existing, or a file that is no model, is a usage error (exit status 2)
    /// whose message names the file.
    static func load(_ weights: String?) throws -> StyleModel {
        guard let url = weights.map({ URL(fileURLWithPath: $0) }) ?? ShippedWeights.locate() else {
            throw ValidationError(
                "No model: the shipped weights (\(ShippedWeights.relativePath)) are not there; pass --weights FILE.")
        }
        do {
            return try StyleModel.load(url)
        } catch {
            Diagnostics.report(error)
            throw ExitCode(2)
        }
    }
}
