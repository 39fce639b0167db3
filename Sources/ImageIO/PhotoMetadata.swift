import Foundation

/// What the decoder learnt about a photo besides its pixels.
public struct PhotoMetadata: Sendable, Equatable, Codable {
    public var make: String
    public var model: String
    /// The sensor's full raw frame, before cropping to the visible area.
    public var sensorWidth: Int
    public var sensorHeight: Int
    /// ISO speed, exposure time in seconds and f-number, when the file records them.
    public var iso: Double?
    public var shutterSeconds: Double?
    public var aperture: Double?
    /// Capture time as the camera recorded it (its clock, no time zone), when present.
    public var captureTime: Date?
    /// The XMP packet embedded in the file (DNGs carry their develop settings this way). Not
    /// part of the encoded form: readers of `--json` get it parsed, as the sidecar.
    public var embeddedXMP: Data?

    enum CodingKeys: String, CodingKey {
        case make, model, sensorWidth, sensorHeight, iso, shutterSeconds, aperture, captureTime
    }

    public init(make: String = "", model: String = "", sensorWidth: Int = 0, sensorHeight: Int = 0,
                iso: Double? = nil, shutterSeconds: Double? = nil, aperture: Double? = nil,
                captureTime: Date? = nil, embeddedXMP: Data? = nil) {
        self.make = make
        self.model = model
        self.sensorWidth = sensorWidth
        self.sensorHeight = sensorHeight
        self.iso = iso
        self.shutterSeconds = shutterSeconds
        self.aperture = aperture
        self.captureTime = captureTime
        self.embeddedXMP = embeddedXMP
    }
}
