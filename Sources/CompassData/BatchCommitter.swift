import Dispatch

/// A thread that runs the jobs one other thread hands it, one at a time.
///
/// The reader of a large file decodes rows into a batch while the committer adds the
/// previous batch to the store. The two never touch the same state at the same time:
/// the reader hands a job over with ``start(_:)`` only once the previous one has ended,
/// and touches what a job touches (the store, the session's problems) only after
/// ``waitUntilIdle()`` has returned. The semaphores order each job after its hand-over
/// and before the next return of ``waitUntilIdle()``, which is why the class can be
/// shared across threads although its properties are mutable.
final class BatchCommitter: @unchecked Sendable {
    private let work = DispatchSemaphore(value: 0)
    private let idle = DispatchSemaphore(value: 1)
    private var job: (() -> Void)?
    private var stopping = false
    private var worker: BackgroundWork<Bool>?

    /// Starts the committing thread, idle.
    init() {
        worker = BackgroundWork { [self] in
            run()
            return true
        }
    }

    private func run() {
        while true {
            work.wait()
            if stopping { return }
            job?()
            job = nil
            idle.signal()
        }
    }

    /// Waits until the job handed over last has ended.
    func waitUntilIdle() {
        idle.wait()
        idle.signal()
    }

    /// Hands a job over, once the previous one has ended; returns without waiting for it.
    func start(_ job: @escaping () -> Void) {
        idle.wait()
        self.job = job
        work.signal()
    }

    /// Waits for the last job, then ends the thread.
    func stop() {
        idle.wait()
        stopping = true
        work.signal()
        _ = worker?.wait()
        worker = nil
        // A semaphore must not be released below its initial value.
        idle.signal()
    }
}
