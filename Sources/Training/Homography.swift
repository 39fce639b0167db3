/// A point in pixel coordinates (pixel centres on integers).
public struct ImagePoint: Sendable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A plane projective transform: (x, y) ↦ ((h₀x + h₁y + h₂) / w, (h₃x + h₄y + h₅) / w) with
/// w = h₆x + h₇y + 1. Affine maps (shear, scale, translation) are the case h₆ = h₇ = 0.
public struct Homography: Sendable, Equatable {
    /// h₀…h₇; h₈ is 1.
    public var coefficients: [Double]

    public init(coefficients: [Double]) {
        precondition(coefficients.count == 8, "a homography has eight free coefficients")
        self.coefficients = coefficients
    }

    /// The transform that takes each of four points `from[i]` to `to[i]`, or nil when three of
    /// them are collinear (the 8×8 system is singular). Solved by Gaussian elimination with
    /// partial pivoting in Double.
    public init?(mapping from: [ImagePoint], to: [ImagePoint]) {
        precondition(from.count == 4 && to.count == 4, "a homography is fixed by four point pairs")
        var rows: [[Double]] = []
        for (p, q) in zip(from, to) {
            rows.append([p.x, p.y, 1, 0, 0, 0, -p.x * q.x, -p.y * q.x, q.x])
            rows.append([0, 0, 0, p.x, p.y, 1, -p.x * q.y, -p.y * q.y, q.y])
        }
        for column in 0..<8 {
            let pivot = (column..<8).max { abs(rows[$0][column]) < abs(rows[$1][column]) }!
            guard abs(rows[pivot][column]) > 1e-12 else { return nil }
            rows.swapAt(column, pivot)
            for row in 0..<8 where row != column {
                let factor = rows[row][column] / rows[column][column]
                if factor != 0 {
                    for k in column..<9 { rows[row][k] -= factor * rows[column][k] }
                }
            }
        }
        self.init(coefficients: (0..<8).map { rows[$0][8] / rows[$0][$0] })
    }

    /// The image of `point`.
    public func map(_ point: ImagePoint) -> ImagePoint {
        let h = coefficients
        let w = h[6] * point.x + h[7] * point.y + 1
        return ImagePoint(x: (h[0] * point.x + h[1] * point.y + h[2]) / w,
                          y: (h[3] * point.x + h[4] * point.y + h[5]) / w)
    }
}
