import Foundation

/// The develop settings of one image as the catalog holds them.
public struct CatalogDevelopRecord: Sendable, Equatable {
    public var imageID: Int64
    /// The Lua-table text (`s = { … }`).
    public var text: String?
    /// The `processVersion` column (the text's own `ProcessVersion` is preferred).
    public var processVersion: String?
    /// `hasDevelopAdjustmentsEx` (or `hasDevelopAdjustments` in older catalogs): above 0 when
    /// the photo has been developed.
    public var hasAdjustments: Double?
    /// `isHdrEditMode` is 1.
    public var isHDR: Bool
    /// `Adobe_images.touchTime`: seconds since 2001-01-01 of the last change.
    public var touchTime: Double?

    public init(imageID: Int64, text: String?, processVersion: String?, hasAdjustments: Double?, isHDR: Bool,
                touchTime: Double?) {
        self.imageID = imageID
        self.text = text
        self.processVersion = processVersion
        self.hasAdjustments = hasAdjustments
        self.isHDR = isHDR
        self.touchTime = touchTime
    }

    /// The last change in Lightroom as a date, when the catalog records one.
    public var lastChange: Date? {
        guard let touchTime, touchTime > 0 else { return nil }
        return Date(timeIntervalSinceReferenceDate: touchTime)
    }
}
