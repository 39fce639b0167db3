/// A RAW's unpacked sensor data and the numbers LibRaw would use to develop it at half size:
/// what `BayerBinning` needs to go from the mosaic straight to a small linear image.
///
/// Only for the common sensor: a 2×2 colour pattern (R, G, B and a second G), one sample per
/// photosite, black levels that repeat every 2×2 or less, square pixels. Anything else (X-Trans,
/// Foveon, Fuji's rotated sensors, linear DNGs, Phase One's black tables) has no frame and takes
/// LibRaw's full path (`LibRawHandle.bayerFrame`).
///
/// `samples` points into memory someone else owns (LibRaw's, for a real file): a frame is only
/// valid while that memory lives.
struct BayerFrame {
    var samples: UnsafePointer<UInt16>
    /// Samples from one sensor row to the next.
    var pitch: Int
    /// The sensor's stored size, margins included.
    var rawWidth: Int
    var rawHeight: Int
    /// Where the visible image starts within the stored one, and its size.
    var topMargin: Int
    var leftMargin: Int
    var width: Int
    var height: Int
    /// LibRaw's colour index (0 R, 1 G, 2 B, 3 second G) at visible (row, col), by
    /// `(row & 1) * 2 + (col & 1)`.
    var pattern: [Int]
    /// Black per colour index, already including the common part (LibRaw's `cblack[c]` after
    /// `adjust_bl`), and the common part itself (its `black`).
    var channelBlack: [Int]
    var commonBlack: Int
    /// The white level before black is taken off (`maximum`).
    var maximum: Int
    /// When the data's own maximum is above this fraction of `maximum`, it replaces it
    /// (LibRaw's `adjust_maximum`); nil when the decoder's maximum is fixed.
    var adjustMaximumThreshold: Float?
    /// White-balance multipliers per colour index (`pre_mul` as `scale_colors` settles it).
    var whiteBalance: [Float]
    /// Camera RGB to sRGB, row-major 3×3; nil when the camera has no matrix (`raw_color`).
    var cameraToSRGB: [Float]?
    /// LibRaw's orientation code: bit 4 transposes, then 2 flips rows, 1 flips columns.
    var flip: Int

    /// Size of the half-size image: one pixel per 2×2 block, a partial block at odd edges.
    var halfWidth: Int { (width + 1) >> 1 }
    var halfHeight: Int { (height + 1) >> 1 }
}
