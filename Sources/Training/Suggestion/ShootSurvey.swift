import Foundation
import ImageIO
import XMP

/// Every photo of a shoot as `suggest` needs it, edited or not: its shrunk image (through the
/// cache), capture time, and whether it already carries the photographer's edit (a label by the
/// same rules `finetune` uses).
public struct ShootSurvey: Sendable {
    public var photos: [URL] = []
    public var images: [LinearImage] = []
    public var captureTimes: [Date?] = []
    public var isEdited: [Bool] = []
    /// Paths that could not be used, with the reason.
    public var skipped: [SkippedFile] = []

    public static func load(_ paths: [String], recursive: Bool, preprocessor: Preprocessor, cache: DecodedImageCache?,
                            progress: (@Sendable (Int, Int) -> Void)? = nil) -> ShootSurvey {
        var survey = ShootSurvey()
        let found = PhotoDiscovery(recursive: recursive, includeJPEG: false, jpegOption: nil).find(paths)
        survey.skipped = (found.problems + found.notices).map { SkippedFile(path: $0.path, reason: $0.reason) }
        let loaded = TensorDataset.loadImages(found.photos, preprocessor: preprocessor, cache: cache, progress: progress)
        for (url, result) in zip(found.photos, loaded) {
            switch result {
            case .skipped(let skip):
                survey.skipped.append(skip)
            case .used(let (image, _)):
                let metadata = try? RawDecoder.readMetadata(url)
                let reading = SidecarReading.read(forRaw: url, embeddedPacket: metadata?.embeddedXMP)
                survey.photos.append(url)
                survey.images.append(image)
                survey.captureTimes.append(metadata?.captureTime)
                survey.isEdited.append(reading.isLabel)
            }
        }
        return survey
    }
}
