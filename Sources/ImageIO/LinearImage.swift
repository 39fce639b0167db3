/// An RGB image in linear light: what a RAW decode produces and what preprocessing consumes.
///
/// Values are Float32, interleaved RGB, row-major, in sRGB/Rec.709 primaries. 0 is black and
/// 1 is the sensor's clipping level after white balance (LibRaw's 16-bit full scale), so a
/// correctly exposed mid-grey sits near 0.18 and an underexposed frame stays dark: nothing here
/// is normalised per image.
public struct LinearImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// `width * height * 3` values: pixel (x, y) channel c is at `(y * width + x) * 3 + c`.
    public var pixels: [Float]

    public init(width: Int, height: Int, pixels: [Float]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height * 3,
                     "LinearImage needs width * height * 3 values")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// A uniform image, mostly for tests.
    public init(width: Int, height: Int, red: Float, green: Float, blue: Float) {
        var pixels = [Float](repeating: 0, count: width * height * 3)
        for index in stride(from: 0, to: pixels.count, by: 3) {
            pixels[index] = red
            pixels[index + 1] = green
            pixels[index + 2] = blue
        }
        self.init(width: width, height: height, pixels: pixels)
    }
}
