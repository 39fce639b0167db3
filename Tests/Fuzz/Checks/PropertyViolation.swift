/// A fuzzed property that did not hold, with what was expected and what happened.
public struct PropertyViolation: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }
}
