import CompassCore

/// Runs the parts of a piece of work at the same time, on threads its caller provides.
///
/// `CompassCore` uses the standard library only and starts no thread of its own. A caller
/// that has threads gives the engine a runner (``Engine/init(runner:)``); the engine then
/// splits its longest loops over the rows of a period (the category of every row, its cell
/// slots, the distinct people counted per cell) into parts that write memory of their own,
/// and joins them. The results are the same with or without a runner.
///
/// ```swift
/// struct InlineRunner: ParallelRunner {
///     var width: Int { 1 }
///     func run(parts: Int, _ body: @escaping @Sendable (Int) -> Void) {
///         for part in 0..<parts { body(part) }
///     }
/// }
/// let engine = Engine(runner: InlineRunner())
/// ```
public protocol ParallelRunner: Sendable {
    /// How many parts can run at once: the number of threads worth splitting a loop for.
    var width: Int { get }

    /// Calls `body` once with each of `0..<parts` and returns when every call has returned.
    ///
    /// Calls may run at the same time, each on any thread; the engine makes its parts safe to
    /// run so. The runner keeps no reference to `body` once it has returned.
    func run(parts: Int, _ body: @escaping @Sendable (Int) -> Void)
}

/// A value sent to the parts of a loop, which only read it or write disjoint memory through it.
struct SharedWithParts<Value>: @unchecked Sendable {
    let value: Value
}

extension Evaluator {
    /// Loops under this many iterations run on the caller's thread: a thread costs tens of microseconds.
    static let parallelMinimum = 1 << 16

    /// Calls `body` with consecutive ranges that cover `0..<count` in order, each once: one range
    /// per part of the runner for a long loop, the whole range at once otherwise.
    ///
    /// The calls may run at the same time: `body` writes only what belongs to its range.
    func forEachPart(_ count: Int, _ body: (Range<Int>) -> Void) {
        let parts = partCount(count)
        runParts(parts) { part in body(count * part / parts..<count * (part + 1) / parts) }
    }

    /// Calls `body` once with each of `0..<parts`: on the runner's threads when there are several
    /// parts, on this thread otherwise. The calls may run at the same time.
    func runParts(_ parts: Int, _ body: (Int) -> Void) {
        guard parts > 1, let runner else {
            for part in 0..<parts { body(part) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let shared = SharedWithParts(value: body)
            runner.run(parts: parts) { part in shared.value(part) }
        }
    }

    /// The number of parts `forEachPart(_:_:)` makes of a loop of `count` iterations.
    func partCount(_ count: Int) -> Int {
        guard let runner, runner.width > 1, count >= Self.parallelMinimum else { return 1 }
        return min(runner.width, count / (Self.parallelMinimum / 2))
    }
}
