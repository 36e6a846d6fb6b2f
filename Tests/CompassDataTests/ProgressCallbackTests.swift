import Compass
import Foundation
import Synchronization
import Testing

/// The progress callbacks of the generator and the reader, through the public API: called, never
/// going back, ending at 100 %.
@Suite struct ProgressCallbackTests {
    /// Collects what a `@Sendable` callback is given.
    final class Calls<Value: Sendable>: Sendable {
        let values = Mutex<[Value]>([])
        func append(_ value: Value) { values.withLock { $0.append(value) } }
        var all: [Value] { values.withLock { $0 } }
    }

    @Test func theGeneratorReportsEvery4096MigrantsAndTheEnd() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let calls = Calls<SyntheticData.GenerationProgress>()
        try SyntheticData.write(migrants: 10_000, seed: 3, toDirectory: directory) { calls.append($0) }
        #expect(calls.all.map(\.migrantsGenerated) == [4_096, 8_192, 10_000])
        #expect(calls.all.map(\.totalMigrants) == [10_000, 10_000, 10_000])
        #expect(calls.all.map(\.percent) == [40, 81, 100])

        let generated = Calls<SyntheticData.GenerationProgress>()
        _ = SyntheticData.generate(migrants: 10_000, seed: 3) { generated.append($0) }
        #expect(generated.all == calls.all)
    }

    @Test func noMigrantsIsOneCallAt100Percent() throws {
        let calls = Calls<SyntheticData.GenerationProgress>()
        _ = SyntheticData.generate(migrants: 0, seed: 1) { calls.append($0) }
        #expect(calls.all == [SyntheticData.GenerationProgress(migrantsGenerated: 0, totalMigrants: 0)])
        #expect(calls.all.map(\.percent) == [100])
    }

    @Test func theReaderReportsEachFileUpToItsSize() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try SyntheticData.write(migrants: 20_000, seed: 5, toDirectory: directory)
        let calls = Calls<DatasetReader.ReadProgress>()
        let reader = DatasetReader(options: DatasetReader.Options(progress: { calls.append($0) }))
        let result = reader.read(from: directory)
        #expect(result.problems.filter { $0.severity == .error }.isEmpty)
        let byFile = Dictionary(grouping: calls.all, by: \.file)
        // Every CSV file with records is reported, and its last call is at its full size.
        let files = DatasetFile.allCases.filter { $0 != .description }.map(\.fileName)
        #expect(Set(byFile.keys).isSuperset(of: files))
        for (file, steps) in byFile {
            let size = try #require(
                try FileManager.default.attributesOfItem(atPath: directory + "/" + file)[.size] as? Int)
            #expect(steps.map(\.bytesRead) == steps.map(\.bytesRead).sorted(), "\(file)")
            #expect(steps.last == DatasetReader.ReadProgress(file: file, bytesRead: size, totalBytes: size))
        }
        // assistance.csv, over a mebibyte, is reported on the way too.
        #expect((byFile["assistance.csv"]?.count ?? 0) > 1)
    }
}
