#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A thread that runs the jobs one other thread hands it, one at a time.
///
/// The reader of a large file decodes rows into a batch while the committer adds the
/// previous batch to the store. The two never touch the same state at the same time:
/// the reader hands a job over with ``start(_:)`` only once the previous one has ended,
/// and touches what a job touches (the store, the session's problems) only after
/// ``waitUntilIdle()`` has returned. Every hand-over and every end of a job goes through
/// one mutex, which orders them, and is why the class can be shared across threads
/// although its properties are mutable.
///
/// When the system cannot start a thread, each job runs at once, in ``start(_:)``.
final class BatchCommitter: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    /// The job handed over and not yet ended.
    private var job: (() -> Void)?
    private var stopping = false
    private var hasThread = false

    /// Starts the committing thread, idle.
    init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        condition = .allocate(capacity: 1)
        pthread_cond_init(condition, nil)
        hasThread = startDetachedThread(stackSize: 1 << 20) { [self] in run() }
    }

    deinit {
        pthread_cond_destroy(condition)
        condition.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    private func run() {
        pthread_mutex_lock(mutex)
        while true {
            if let current = job {
                pthread_mutex_unlock(mutex)
                current()
                pthread_mutex_lock(mutex)
                job = nil
                pthread_cond_broadcast(condition)
            } else if stopping {
                pthread_mutex_unlock(mutex)
                return
            } else {
                pthread_cond_wait(condition, mutex)
            }
        }
    }

    /// Waits until the job handed over last has ended.
    func waitUntilIdle() {
        pthread_mutex_lock(mutex)
        while job != nil { pthread_cond_wait(condition, mutex) }
        pthread_mutex_unlock(mutex)
    }

    /// Hands a job over, once the previous one has ended; returns without waiting for it.
    func start(_ job: @escaping () -> Void) {
        guard hasThread else { return job() }
        pthread_mutex_lock(mutex)
        while self.job != nil { pthread_cond_wait(condition, mutex) }
        self.job = job
        pthread_cond_broadcast(condition)
        pthread_mutex_unlock(mutex)
    }

    /// Waits for the last job, then lets the thread end.
    func stop() {
        pthread_mutex_lock(mutex)
        while job != nil { pthread_cond_wait(condition, mutex) }
        stopping = true
        pthread_cond_broadcast(condition)
        pthread_mutex_unlock(mutex)
    }
}
