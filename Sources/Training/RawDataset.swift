import Catalog
import Foundation
import ImageIO
import XMP

/// A RAW that carries a training label: the photographer's settings, scaled for the network,
/// with when the photo was taken and whether the edit was made in HDR mode.
public struct LabelledPhoto: Sendable, Equatable {
    public var url: URL
    /// Where the label came from: the sidecar's path or `NAME.dng (embedded XMP)`.
    public var labelSource: String
    /// The settings as the photographer left them (slider units).
    public var settings: DevelopSettings
    /// The same settings scaled in the dataset's label space; absent settings are masked.
    public var label: ScaledLabel
    /// The camera's capture time, when the file records one.
    public var captureTime: Date?
    /// `crs:HDREditMode` was 1: the Basic sliders acted on an HDR rendition.
    public var isHDR: Bool

    /// The file's name, for tables and reports.
    public var name: String { url.lastPathComponent }
}

/// A file the dataset passed over and why, so a photographer can see what was not learnt from.
public struct SkippedFile: Sendable, Equatable, Codable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

/// The first layer of training data: the RAWs of one or more shoots that carry the
/// photographer's edits, each with its label and capture time, plus every file that was skipped
/// with the reason.
///
/// Folders are listed (not their subfolders unless `recursive`), in name order; files named
/// explicitly are taken as given (`PhotoDiscovery`: links followed, each photo once). A RAW's label comes from its Lightroom sidecar, a DNG's from
/// the XMP embedded in it (see `SidecarReading`). No pixels are decoded here: only metadata.
public struct RawDataset: Sendable {
    /// The settings labels are scaled into.
    public let space: LabelSpace
    /// Labelled photos in the order found.
    public var photos: [LabelledPhoto]
    /// Everything passed over: missing paths, non-RAW files named explicitly, unreadable files,
    /// RAWs without a label (with the label rule they break).
    public var skipped: [SkippedFile]
    /// What a photographer should know about labels that were taken: a catalog and a sidecar that
    /// disagree, a photo missing from the catalog whose sidecar was used.
    public var notices: [String]

    public init(space: LabelSpace, photos: [LabelledPhoto], skipped: [SkippedFile], notices: [String] = []) {
        self.space = space
        self.photos = photos
        self.skipped = skipped
        self.notices = notices
    }

    /// How many labels are HDR edits.
    public var hdrCount: Int { photos.filter(\.isHDR).count }

    /// The labels, in photo order.
    public var labels: [ScaledLabel] { photos.map(\.label) }

    /// The capture times, in photo order.
    public var captureTimes: [Date?] { photos.map(\.captureTime) }

    /// Finds the RAWs under `paths` and reads their labels. O(files) metadata reads.
    public static func load(_ paths: [String], space: LabelSpace, recursive: Bool = false) -> RawDataset {
        let found = PhotoDiscovery(recursive: recursive, includeJPEG: false, jpegOption: nil).find(paths)
        return load(found, space: space, catalog: nil)
    }

    /// Finds the RAWs under `paths` and takes their labels from a Lightroom catalog's current
    /// develop settings (`CatalogLabels`); a RAW the catalog does not hold falls back to its
    /// sidecar, and where a sidecar disagrees with the catalog a notice says so (the catalog is
    /// what Lightroom shows, so it wins). Throws when the catalog cannot be read.
    public static func load(_ paths: [String], space: LabelSpace, recursive: Bool = false,
                            catalog: LightroomCatalog) throws(CatalogError) -> RawDataset {
        let found = PhotoDiscovery(recursive: recursive, includeJPEG: false, jpegOption: nil).find(paths)
        let labels = try CatalogLabels(catalog: catalog, raws: found.photos)
        return load(found, space: space, catalog: labels)
    }

    static func load(_ found: PhotoDiscovery.Found, space: LabelSpace, catalog: CatalogLabels?) -> RawDataset {
        // Loops and second paths are passed over like any other file, with the reason.
        var dataset = RawDataset(space: space, photos: [], skipped: (found.problems + found.notices).map {
            SkippedFile(path: $0.path, reason: $0.reason)
        })
        for raw in found.photos {
            switch labelledPhoto(raw, space: space, catalog: catalog, notices: &dataset.notices) {
            case .used(let photo): dataset.photos.append(photo)
            case .skipped(let skip): dataset.skipped.append(skip)
            }
        }
        return dataset
    }

    /// Reads `raw`'s metadata and label; a skip with the reason when it has none.
    static func labelledPhoto(_ raw: URL, space: LabelSpace, catalog: CatalogLabels? = nil,
                              notices: inout [String]) -> UsableFile<LabelledPhoto> {
        let metadata: PhotoMetadata
        do {
            metadata = try RawDecoder.readMetadata(raw)
        } catch {
            return .skipped(SkippedFile(path: raw.path, reason: "cannot read the file: \(error)"))
        }
        let reading = SidecarReading.read(forRaw: raw, embeddedPacket: metadata.embeddedXMP)
        if let catalog {
            switch CatalogChoice.choose(raw: raw, catalog: catalog.reading(for: raw), sidecar: reading, space: space) {
            case .catalog(let settings, let packet, let source, let notice):
                if let notice { notices.append(notice) }
                return labelledPhoto(raw, settings: settings, packet: packet, source: source, metadata: metadata, space: space)
            case .noLabel(let reason, let notice):
                if let notice { notices.append(notice) }
                return .skipped(SkippedFile(path: raw.path, reason: "no label: " + reason))
            case .sidecar(let notice):
                if let notice { notices.append(notice) }
            }
        }
        guard let settings = reading.label, let packet = reading.packet, let source = reading.source else {
            return .skipped(SkippedFile(path: raw.path, reason: "no label: " + (reading.reason ?? "unknown reason")))
        }
        return labelledPhoto(raw, settings: settings, packet: packet, source: source, metadata: metadata, space: space)
    }

    static func labelledPhoto(_ raw: URL, settings: DevelopSettings, packet: XMPPacket, source: String,
                              metadata: PhotoMetadata, space: LabelSpace) -> UsableFile<LabelledPhoto> {
        let label = space.label(from: settings)
        guard label.isPresent.contains(true) else {
            return .skipped(SkippedFile(path: raw.path, reason: "no label: none of the model's settings is present"))
        }
        return .used(LabelledPhoto(url: raw, labelSource: source, settings: settings, label: label,
                                      captureTime: metadata.captureTime, isHDR: packet.isHDR))
    }
}

extension LabelSpace {
    /// The label space of a model's settings: each descriptor's scale and range; the tolerance
    /// is ±0.33 EV for exposure (unit "EV") and ±10 % of the scale for the others (±10 points).
    public init(descriptors: [SettingDescriptor]) {
        self.init(settings: descriptors.map { descriptor in
            let isExposure = descriptor.name == LabelSpace.exposureName
            return LabelSetting(name: descriptor.name, scale: Float(descriptor.scale),
                                range: Float(descriptor.minimum)...Float(descriptor.maximum),
                                tolerance: isExposure ? 0.33 : Float(descriptor.scale) * 0.1,
                                unit: isExposure ? "EV" : "")
        })
    }

    /// `settings` as a scaled label in this space; settings it lacks are absent.
    public func label(from settings: DevelopSettings) -> ScaledLabel {
        ScaledLabel(sliderValues: self.settings.map { setting in settings[setting.name].map { Float($0) } }, space: self)
    }
}
