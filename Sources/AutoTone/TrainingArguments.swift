import ArgumentParser
import Training

// Parsed by argument-parser itself from their LosslessStringConvertible text (none, head,
// last:N; none, moving-average:N, gaussian:S), so a bad value is a usage error before any work.
extension FreezeOption: ExpressibleByArgument {}
extension LabelSmoothing.Filter: ExpressibleByArgument {}
