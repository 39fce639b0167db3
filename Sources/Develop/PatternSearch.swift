/// A small deterministic derivative-free minimiser: compass (pattern) search in a box.
///
/// From `start`, it tries each coordinate ± its step in turn and keeps the first move that
/// lowers the cost; when a full sweep finds none, every step is halved. It stops when all steps
/// are below their minimum or after `maxEvaluations` cost evaluations. The same inputs always
/// give the same result. Each sweep costs at most 2·dimensions evaluations.
struct PatternSearch {
    var steps: [Double]
    var minimumSteps: [Double]
    var bounds: [ClosedRange<Double>]
    var maxEvaluations = 2_000

    /// The best point found and its cost.
    func minimise(from start: [Double], cost: ([Double]) -> Double) -> (point: [Double], cost: Double) {
        precondition(start.count == steps.count && steps.count == minimumSteps.count && steps.count == bounds.count,
                     "dimensions disagree")
        var point = zip(start, bounds).map { min(max($0, $1.lowerBound), $1.upperBound) }
        var best = cost(point)
        var step = steps
        var evaluations = 1
        while evaluations < maxEvaluations, zip(step, minimumSteps).contains(where: { $0 >= $1 }) {
            var improved = false
            for dimension in point.indices where step[dimension] >= minimumSteps[dimension] {
                for direction in [1.0, -1.0] {
                    var trial = point
                    let range = bounds[dimension]
                    trial[dimension] = min(max(point[dimension] + direction * step[dimension], range.lowerBound),
                                           range.upperBound)
                    guard trial[dimension] != point[dimension] else { continue }
                    let value = cost(trial)
                    evaluations += 1
                    if value < best {
                        best = value
                        point = trial
                        improved = true
                        break
                    }
                }
            }
            if !improved {
                step = step.map { $0 / 2 }
            }
        }
        return (point, best)
    }
}
