import Foundation
import ImageIO
import ViT

/// The rule for every file a command writes other than sidecars (which only `predict`'s merging
/// writer touches): AutoTone writes to a path that does not exist yet, or replaces a file it
/// wrote itself, of the same kind; anything else needs `--force`; a photo (RAW, TIFF) or a
/// sidecar is never replaced, forced or not, and no name a photo or sidecar would have is used.
///
/// "Wrote itself" is read from the file: weights carry AutoTone's safetensors metadata, JPEGs
/// its comment, reports and loss logs their own headings.
public struct OutputFile: Sendable {
    public enum Kind: Sendable {
        case weights, jpeg, report, lossTable, lossCurve

        /// What the file is, in the messages.
        var noun: String {
            switch self {
            case .weights: "weights file"
            case .jpeg: "JPEG"
            case .report: "evaluation report"
            case .lossTable: "loss table"
            case .lossCurve: "loss curve"
            }
        }

        /// True when the file at `url` is one AutoTone wrote, of this kind.
        func isAutoTone(_ url: URL) -> Bool {
            switch self {
            case .weights: ModelFile.isAutoToneWeights(url)
            case .jpeg: JPEGComment.isAutoTone(url)
            case .report: OutputFile.head(of: url).contains("<title>AutoTone evaluation:")
            case .lossTable: OutputFile.head(of: url).hasPrefix("epoch,training_loss,")
            case .lossCurve: OutputFile.head(of: url).contains(TrainingState.lossCurveTitle)
            }
        }
    }

    public let url: URL
    public let kind: Kind

    public init(_ url: URL, kind: Kind) {
        self.url = url
        self.kind = kind
    }

    /// Throws when writing here could destroy something that is not AutoTone's, or one of
    /// `inputs` (the files the command reads). `option` names the command-line option the path
    /// came from, for the message.
    public func check(force: Bool, option: String? = nil, inputs: [String] = []) throws(OutputRefusal) {
        func refuse(_ reason: String) -> OutputRefusal {
            OutputRefusal(path: url.path, option: option, reason: reason)
        }
        if RawFileTypes.isRaw(url) || url.pathExtension.lowercased() == "xmp" {
            throw refuse("a RAW's or sidecar's name (.\(url.pathExtension)); Lightroom and AutoTone would take the "
                         + "\(kind.noun) for one: choose another name")
        }
        var info = stat()
        do throws(Errno) {
            try systemCall { lstat(url.path, &info) }
        } catch {
            if error.code == ENOENT { return }  // a new file
            throw refuse(error.description)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw refuse("a folder, not a file")
        case S_IFLNK:
            // The atomic rename replaces the link itself, never the file it points to.
            if force { return }
            throw refuse("a symbolic link; AutoTone does not write through links: choose another name, "
                         + "or pass --force to replace the link (not the file it points to)")
        default: throw refuse("not a regular file")
        }
        if let target = FileSystemIdentity(url.path), inputs.contains(where: { FileSystemIdentity($0) == target }) {
            throw refuse("the file this command reads; choose another name")
        }
        if access(url.path, W_OK) != 0 && !force {
            // A rename would replace it anyway; a file made read-only was protected on purpose.
            throw refuse("read-only; make it writable, choose another name, or pass --force to replace it")
        }
        if kind.isAutoTone(url) { return }
        if RawFileTypes.startsLikeRaw(url) {
            throw refuse("a RAW or TIFF image; AutoTone never replaces a photo")
        }
        if Self.head(of: url, bytes: 1 << 16).contains("<x:xmpmeta") {
            throw refuse("an XMP sidecar; AutoTone changes sidecars only through predict's merging writer")
        }
        if force { return }
        throw refuse("exists and is not a \(kind.noun) AutoTone wrote; choose another name, or pass --force to replace it")
    }

    /// The first `bytes` of the file as text (invalid UTF-8 repaired), empty when unreadable.
    static func head(of url: URL, bytes: Int = 4096) -> String {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return "" }
        defer { try? handle.close() }
        return String(decoding: (try? handle.read(upToCount: bytes)) ?? Data(), as: UTF8.self)
    }
}

/// Why a command will not write to a path: one line, the path, the option and the cause.
public struct OutputRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var option: String?
    public var reason: String

    public init(path: String, option: String?, reason: String) {
        self.path = path
        self.option = option
        self.reason = reason
    }

    public var description: String {
        "\(path)" + (option.map { " (\($0))" } ?? "") + ": not written: \(reason)"
    }
}

/// A folder a command writes its files into (`evaluate --report DIR`, `finetune`'s
/// `OUT.training`): created when missing; refused when the path is a file.
public enum OutputFolder {
    public static func prepare(_ url: URL, option: String? = nil) throws(OutputRefusal) {
        var info = stat()
        if stat(url.path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw OutputRefusal(path: url.path, option: option, reason: "exists and is a file, not a folder")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw OutputRefusal(path: url.path, option: option,
                                reason: "cannot create the folder: \(FileSystemError(path: url.path, error: error).cause)")
        }
    }
}
