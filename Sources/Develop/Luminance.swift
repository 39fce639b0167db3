import Foundation

/// Rec.709 luminance weights, shared by every luminance computed in Develop.
@inlinable
func luminance(_ red: Float, _ green: Float, _ blue: Float) -> Float {
    0.2126 * red + 0.7152 * green + 0.0722 * blue
}
