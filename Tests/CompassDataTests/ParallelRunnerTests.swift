import Compass
import Testing

/// An engine given threads (`Engine(runner:)`) counts in parts and gives the results it gives without.
@Suite struct ParallelRunnerTests {
    /// Runs the parts on the calling thread, the last first, and counts the calls and parts.
    final class BackwardsRunner: ParallelRunner, @unchecked Sendable {
        let width: Int
        private(set) var calls = 0
        private(set) var parts = 0
        /// The number of parts of each call.
        private(set) var partCounts: [Int] = []

        init(width: Int) { self.width = width }

        func run(parts: Int, _ body: @escaping @Sendable (Int) -> Void) {
            calls += 1
            self.parts += parts
            partCounts.append(parts)
            for part in (0..<parts).reversed() { body(part) }
        }
    }

    /// A synthetic year of 100,000 migrants (some 85,000 assistance rows in 2022, above the
    /// length from which the engine splits a loop), evaluated with the whole catalogue.
    @Test func resultsWithARunnerAreThoseWithout() throws {
        let dataset = SyntheticData.generate(migrants: 100_000, seed: 11)
        let prepared = PreparedDataset(dataset, programme: Catalogue.compass.programme)
        let alone = try Engine().evaluate(Catalogue.compass, on: prepared, period: .year(2022))
        let backwards = BackwardsRunner(width: 3)
        #expect(try Engine(runner: backwards).evaluate(Catalogue.compass, on: prepared, period: .year(2022)) == alone)
        #expect(backwards.calls > 0)
        // Parts of at least 32,768 rows: the year's rows make two, although the runner allows
        // three; the runs of one person are cut over every row of the store (some 256,000), in three.
        #expect(Set(backwards.partCounts) == [2, 3])
        #expect(backwards.partCounts.filter { $0 == 3 }.count == 1)
        let threads = Engine(runner: ThreadRunner(width: 2))
        #expect(try threads.evaluate(Catalogue.compass, on: prepared, period: .year(2022)) == alone)
        // A runner of one part at a time is never asked to run anything.
        let single = BackwardsRunner(width: 1)
        #expect(try Engine(runner: single).evaluate(Catalogue.compass, on: prepared, period: .year(2022)) == alone)
        #expect(single.calls == 0)
    }

    /// The rows of one person where the rows are cut in two parts, and rows of other years left
    /// out in both: cut on two threads and put end to end, they give the results given without
    /// a runner.
    @Test func aPersonsRowsAcrossTwoParts() throws {
        var dataset = SyntheticData.generate(migrants: 100_000, seed: 12)
        // Fifty more rows of the person of the middle row, after it: the middle of the rows,
        // where they are cut in two, falls among them.
        let middle = dataset.assistance.count / 2
        var more = dataset.assistance[middle]
        let extra = (0..<50).map { index in
            more.id = Assistance.ID("extra-\(index)")
            return more
        }
        dataset.assistance.insert(contentsOf: extra, at: middle + 1)
        let prepared = PreparedDataset(dataset, programme: Catalogue.compass.programme)
        let alone = try Engine().evaluate(Catalogue.compass, on: prepared, period: .year(2022))
        let backwards = BackwardsRunner(width: 2)
        #expect(try Engine(runner: backwards).evaluate(Catalogue.compass, on: prepared, period: .year(2022)) == alone)
        #expect(backwards.partCounts.contains(2))
    }

    /// The runner on threads calls every part once, whatever their number.
    @Test(arguments: [0, 1, 2, 5])
    func aThreadRunnerRunsEveryPartOnce(parts: Int) {
        final class Marks: @unchecked Sendable {
            var seen: UnsafeMutableBufferPointer<Int>
            init(_ count: Int) { seen = .allocate(capacity: count); seen.initialize(repeating: 0) }
            deinit { seen.deallocate() }
        }
        let marks = Marks(parts)
        ThreadRunner(width: 2).run(parts: parts) { part in marks.seen[part] += 1 }
        #expect(Array(marks.seen) == Array(repeating: 1, count: parts))
        #expect(ThreadRunner().width >= 1)
    }
}
