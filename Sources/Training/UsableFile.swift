/// What a file gave where a bad file is passed over rather than fatal (datasets, surveys): its
/// value, or the record of why it was skipped.
public enum UsableFile<Value> {
    case used(Value)
    case skipped(SkippedFile)
}

extension UsableFile: Sendable where Value: Sendable {}
