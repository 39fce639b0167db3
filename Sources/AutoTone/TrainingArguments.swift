import ArgumentParser
import Training

// Parsed by argument-parser itself (from its LosslessStringConvertible text: none, head, last:N),
// so a bad value is a usage error before any work.
extension FreezeOption: ExpressibleByArgument {}
