/// A decoded photo: its linear pixels, what the file said about it, and what decoding cost.
public struct DecodedPhoto: Sendable {
    public var image: LinearImage
    public var metadata: PhotoMetadata
    public var timings: DecodeTimings

    public init(image: LinearImage, metadata: PhotoMetadata, timings: DecodeTimings) {
        self.image = image
        self.metadata = metadata
        self.timings = timings
    }
}

/// Seconds spent in each decoding stage (wall clock).
public struct DecodeTimings: Sendable, Codable, Equatable {
    /// Opening the file and parsing its metadata.
    public var open: Double = 0
    /// Reading and decompressing the sensor data (LibRaw's unpack; the JPEG decode for JPEGs).
    public var unpack: Double = 0
    /// White balance, demosaic, colour conversion and output (LibRaw's dcraw_process and
    /// mem_image, converted to Float).
    public var demosaic: Double = 0

    public init(open: Double = 0, unpack: Double = 0, demosaic: Double = 0) {
        self.open = open
        self.unpack = unpack
        self.demosaic = demosaic
    }

    public var total: Double { open + unpack + demosaic }
}
