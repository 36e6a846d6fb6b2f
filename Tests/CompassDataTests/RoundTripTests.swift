import Compass
import Foundation
import Testing

/// A fresh empty directory under the system's temporary directory.
func temporaryDirectory(_ name: String = #function) throws -> String {
    let path = NSTemporaryDirectory() + "compass-data-tests-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite struct RoundTripTests {
    @Test func calibratedSampleSurvivesCSV() throws {
        let sample = Dataset.compassSample2022()
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try sample.write(toDirectory: directory)
        let result = DatasetReader().read(from: directory)
        #expect(result.problems == [])
        #expect(result.dataset == sample)
        let again = try Dataset(contentsOfDirectory: directory)
        #expect(again == sample)
        let original = try Engine().report(.compass, on: sample, period: .year(2022))
        let reread = try Engine().report(.compass, on: again, period: .year(2022))
        #expect(reread == original)
    }

    @Test func calibratedSampleSurvivesJSON() throws {
        let sample = Dataset.compassSample2022()
        let result = DatasetReader().read(json: sample.jsonBytes())
        #expect(result.problems == [])
        #expect(result.dataset == sample)
    }
}
