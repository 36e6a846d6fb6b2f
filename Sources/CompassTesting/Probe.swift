public import Testing

/// Probe.
public func probe(sourceLocation: SourceLocation = #_sourceLocation) {
    Issue.record("x", sourceLocation: sourceLocation)
}
