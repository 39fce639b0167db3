import Foundation

/// Writes predicted settings next to RAWs, following `SidecarPolicy`, and reports what it did.
///
/// One call per RAW; a failure is reported in the result, never thrown, so one bad photo does
/// not stop a batch.
public struct SidecarWriter: Sendable {
    public var policy: SidecarPolicy
    public var reader: XMPReader
    public var fileWriter: AtomicFileWriter

    public init(policy: SidecarPolicy = SidecarPolicy(), reader: XMPReader = XMPReader(),
                fileWriter: AtomicFileWriter = AtomicFileWriter()) {
        self.policy = policy
        self.reader = reader
        self.fileWriter = fileWriter
    }

    /// What happened for one RAW.
    public struct Report: Sendable, Equatable, CustomStringConvertible {
        public enum Outcome: Sendable, Equatable {
            case created
            case merged
            case skipped(SidecarPolicy.SkipReason)
            case refused(SidecarWriteError)
            case failed(SidecarWriteError)
        }

        public var raw: URL
        /// The sidecar written, or that would have been.
        public var sidecar: URL
        public var outcome: Outcome
        public var warnings: [SidecarPolicy.Warning]
        /// The backup copy made, if any.
        public var backup: URL?

        /// True when a file was written.
        public var wrote: Bool { outcome == .created || outcome == .merged }

        public var description: String {
            let head: String
            switch outcome {
            case .created: head = "created \(sidecar.path)"
            case .merged: head = "merged into \(sidecar.path)"
            case .skipped(let reason): head = "skipped: \(reason)"
            case .refused(let error): head = "refused: \(error)"
            case .failed(let error): head = "failed: \(error)"
            }
            return ([head] + warnings.map { "warning: \($0)" }).joined(separator: "\n")
        }
    }

    /// The decision for `raw` as things are now: locates and reads its sidecar, asks the policy.
    public func plan(forRaw raw: URL, prediction: SidecarPolicy.Prediction?,
                     directoryListing: [String]? = nil) -> SidecarPolicy.Decision {
        let location = SidecarLocation(raw: raw, directoryListing: directoryListing)
        return policy.decide(location: location, existing: existing(at: location), prediction: prediction)
    }

    /// Writes `content` for `raw` when the policy allows it. The plan is made again here, so a
    /// sidecar that appeared since an earlier `plan` is never overwritten blindly.
    /// `content.rawFileName` is set from `raw`, so the sidecar always names the right file.
    public func write(_ content: SidecarContent, forRaw raw: URL,
                      prediction: SidecarPolicy.Prediction?) -> Report {
        var content = content
        content.rawFileName = raw.lastPathComponent
        let location = SidecarLocation(raw: raw)
        let decision = policy.decide(location: location, existing: existing(at: location), prediction: prediction)
        var report = Report(raw: raw, sidecar: location.target, outcome: .created, warnings: decision.warnings)
        do {
            switch decision.action {
            case .skip(let reason):
                report.outcome = .skipped(reason)
            case .refuse(let error):
                report.outcome = .refused(error)
            case .create(let url):
                report.sidecar = url
                report.backup = try fileWriter.write(try SidecarMerger.newSidecar(content), to: url)
                report.outcome = .created
            case .merge(let url):
                report.sidecar = url
                let existing: Data
                do {
                    existing = try SafeXMLDocument.readFile(url, limits: reader.limits)
                } catch let error as XMPReadError {
                    throw SidecarWriteError.existingUnreadable(path: url.path, error: error)
                }
                let merged = try SidecarMerger.merge(content, into: existing, source: url.path, limits: reader.limits)
                report.backup = try fileWriter.write(merged, to: url)
                report.outcome = .merged
            }
        } catch let error as SidecarWriteError {
            report.outcome = .failed(error)
        } catch {
            report.outcome = .failed(.io(path: report.sidecar.path, operation: "\(error)", code: EIO))
        }
        return report
    }

    private func existing(at location: SidecarLocation) -> SidecarPolicy.Existing {
        guard let url = location.existing else { return .none }
        do {
            return .packet(try reader.read(contentsOf: url))
        } catch let error as XMPReadError {
            return .unreadable(error)
        } catch {
            return .unreadable(.unreadable(path: url.path, reason: "\(error)"))
        }
    }
}
