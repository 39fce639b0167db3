import Foundation
import XCTest

/// Every command's `--help` against the text kept in Tests/Fixtures/Help: a changed option,
/// default or wording shows up in review as a changed fixture. After an intended change, run the
/// tests once with AUTOTONE_UPDATE_HELP=1 to rewrite the fixtures, and read their diff.
final class HelpSnapshotTests: XCTestCase {
    private static let commands = ["predict", "preview", "finetune", "evaluate", "inspect", "suggest"]
    private static let fixtures = CommandRunner.packageRoot.appendingPathComponent("Tests/Fixtures/Help")

    func testEveryCommandsHelpIsTheKeptText() throws {
        let update = ProcessInfo.processInfo.environment["AUTOTONE_UPDATE_HELP"] == "1"
        for command in [nil] + Self.commands.map(Optional.some) {
            let result = try CommandRunner.run((command.map { [$0] } ?? []) + ["--help"])
            XCTAssertEqual(result.status, 0, result.standardError)
            let fixture = Self.fixtures.appendingPathComponent("\(command ?? "autotone").txt")
            if update {
                try Data(result.standardOutput.utf8).write(to: fixture)
                continue
            }
            let kept = try String(contentsOf: fixture, encoding: .utf8)
            XCTAssertEqual(result.standardOutput, kept,
                           "`autotone \(command ?? "") --help` changed; if intended, rerun with AUTOTONE_UPDATE_HELP=1")
        }
    }

    func testTheKeptTextsCoverEveryCommand() throws {
        let listed = try CommandRunner.run(["--help"]).standardOutput
        let section = try XCTUnwrap(listed.components(separatedBy: "SUBCOMMANDS:").last)
        let names = section.split(separator: "\n").compactMap { line -> String? in
            // A subcommand's line starts with two spaces and its name; wrapped lines with more.
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first else { return nil }
            return name == "See" ? nil : String(name)
        }
        XCTAssertEqual(Set(names), Set(Self.commands), "a new command needs its help fixture")
    }
}
