import Foundation
import Testing

/// Compares a rendered text with its golden file byte for byte; re-records it when COMPASS_RECORD_GOLDEN=1.
func expectGolden(
    _ text: String, named name: String, filePath: String = #filePath,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let url = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        .appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["COMPASS_RECORD_GOLDEN"] == "1" {
        try Data(text.utf8).write(to: url)
        return
    }
    let golden = try #require(
        FileManager.default.contents(atPath: url.path),
        "no golden file \(name); record it with COMPASS_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
    #expect(
        golden == Data(text.utf8), "\(name) differs from its golden file; if the change is intended, re-record",
        sourceLocation: sourceLocation)
}
