import CompassCore
public import CompassEngine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

// The reader's threads: a result computed on another thread (`BackgroundWork`) and a thread
// that commits batches handed to it one at a time (`BatchCommitter`), on pthreads (the
// executable does not load Foundation's `Thread`), both guarded by a `Monitor`.

/// A mutex and a condition variable: state shared by two threads is read and written only
/// while the mutex is held, and a thread waits on the condition for another to change it.
final class Monitor {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        condition = .allocate(capacity: 1)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        condition.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` holding the mutex.
    func locked<R>(_ body: () -> R) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }

    /// Waits, holding the mutex, until `condition` holds; then runs `body`, still holding it.
    func locked<R>(when condition: () -> Bool, _ body: () -> R) -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while !condition() { pthread_cond_wait(self.condition, mutex) }
        return body()
    }

    /// Wakes every thread waiting in `locked(when:_:)`; call it holding the mutex, after a change.
    func broadcast() { pthread_cond_broadcast(condition) }
}

/// Work done on another thread, whose result is waited for.
///
/// The worker thread stores the result and sets `finished` under the monitor's mutex, and
/// ``wait()`` reads them under the same mutex: the lock orders the two, which is why the
/// class can be shared across threads although its properties are mutable.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private var value: Value?
    private var finished = false
    private let monitor = Monitor()

    /// Starts `work` on a new thread with a 1 MiB stack.
    ///
    /// When the system cannot start a thread, the work is done here, before the initializer returns.
    init(_ work: @escaping @Sendable () -> Value) {
        let job: @Sendable () -> Void = { [self] in finish(work()) }
        if !startDetachedThread(stackSize: 1 << 20, job) { job() }
    }

    /// The result, once the work is done; may be called any number of times, from any thread.
    func wait() -> Value? {
        monitor.locked(when: { finished }) { value }
    }

    private func finish(_ result: Value) {
        monitor.locked {
            value = result
            finished = true
            monitor.broadcast()
        }
    }
}

/// A thread that runs the jobs one other thread hands it, one at a time, in order.
///
/// The reader of a large file decodes rows into a batch while the committer adds earlier
/// batches to the store. The two never touch the same state at the same time: the reader
/// hands a batch over with ``start(_:)`` and fills it again only once its job has ended
/// (``waitUntilCompleted(_:)``), and touches what the jobs touch (the store, the session's
/// problems) only after ``waitUntilIdle()`` has returned. Every hand-over and every end of a
/// job goes through one monitor, which orders them, and is why the class can be shared across
/// threads although its properties are mutable.
///
/// When the system cannot start a thread, each job runs at once, in ``start(_:)``.
final class BatchCommitter: @unchecked Sendable {
    /// The most jobs handed over and not yet ended.
    static let depth = 4
    private let monitor = Monitor()
    /// The jobs handed over and not yet started, in order.
    private var jobs: [() -> Void] = []
    /// The number of jobs handed over, and of those ended.
    private var started = 0
    private var completed = 0
    private var stopping = false
    private var hasThread = false

    /// Starts the committing thread, idle.
    init() {
        jobs.reserveCapacity(Self.depth)
        hasThread = startDetachedThread(stackSize: 1 << 20) { [self] in run() }
    }

    private func run() {
        while let current = monitor.locked(
            when: { !jobs.isEmpty || stopping }, { jobs.isEmpty ? nil : jobs.removeFirst() })
        {
            current()
            monitor.locked {
                completed += 1
                monitor.broadcast()
            }
        }
    }

    /// Waits until every job handed over has ended.
    func waitUntilIdle() {
        monitor.locked(when: { completed == started }) {}
    }

    /// Waits until at least `count` jobs have ended.
    func waitUntilCompleted(_ count: Int) {
        monitor.locked(when: { completed >= count }) {}
    }

    /// Hands a job over, once fewer than ``depth`` are waiting or running; returns without waiting for it.
    func start(_ job: @escaping () -> Void) {
        guard hasThread else {
            started += 1
            job()
            completed += 1
            return
        }
        monitor.locked(when: { started - completed < Self.depth }) {
            jobs.append(job)
            started += 1
            monitor.broadcast()
        }
    }

    /// Waits for the last job, then lets the thread end.
    func stop() {
        monitor.locked(when: { completed == started }) {
            stopping = true
            monitor.broadcast()
        }
    }
}

/// The closure a new thread runs, passed through `pthread_create`'s context pointer.
private final class ThreadJob {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}

/// Runs `job` on a new detached thread with a stack of `stackSize` bytes; false when no thread was started.
private func startDetachedThread(stackSize: Int, _ job: @escaping @Sendable () -> Void) -> Bool {
    var attributes = pthread_attr_t()
    guard pthread_attr_init(&attributes) == 0 else { return false }
    defer { pthread_attr_destroy(&attributes) }
    guard pthread_attr_setstacksize(&attributes, stackSize) == 0,
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED)) == 0
    else { return false }
    let context = Unmanaged.passRetained(ThreadJob(job)).toOpaque()
    #if canImport(Glibc)
        var thread = pthread_t()
    #else
        var thread: pthread_t? = nil
    #endif
    let status = pthread_create(
        &thread, &attributes,
        { context in
            let pointer: UnsafeMutableRawPointer? = context
            if let pointer { Unmanaged<ThreadJob>.fromOpaque(pointer).takeRetainedValue().run() }
            return nil
        }, context)
    guard status == 0 else {
        Unmanaged<ThreadJob>.fromOpaque(context).release()
        return false
    }
    return true
}

/// A `ParallelRunner` on threads of the system: an `Engine` given one runs the parts of its
/// longest loops on them.
///
/// Each call starts a thread for every part but the first, which runs on the calling thread,
/// and returns when all are done. A part whose thread cannot be started runs on the calling
/// thread too.
///
/// ```swift
/// let engine = Engine(runner: ThreadRunner())
/// ```
public struct ThreadRunner: ParallelRunner {
    /// How many parts run at once.
    public let width: Int

    /// Creates a runner of `width` parts at once; by default, one per processor online.
    public init(width: Int? = nil) {
        self.width = max(1, width ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// Calls `body` once with each of `0..<parts`, the first part on this thread and each other
    /// on a thread of its own, and returns when every call has returned.
    public func run(parts: Int, _ body: @escaping @Sendable (Int) -> Void) {
        guard parts > 1 else {
            if parts == 1 { body(0) }
            return
        }
        let job = PartsJob(body, waiting: parts - 1)
        for part in 1..<parts where !startDetachedThread(stackSize: 1 << 20, { job.run(part) }) {
            job.run(part)
        }
        body(0)
        job.waitAndForget()
    }
}

/// The parts of one ``ThreadRunner/run(parts:_:)`` that run on other threads.
///
/// The body is read and the count of parts left is written under the monitor. A thread lets its
/// reference to the body go before it counts its part done, and the caller forgets the body
/// once none is left: no reference outlives the call.
private final class PartsJob: @unchecked Sendable {
    private var body: (@Sendable (Int) -> Void)?
    private var waiting: Int
    private let monitor = Monitor()

    init(_ body: @escaping @Sendable (Int) -> Void, waiting: Int) {
        self.body = body
        self.waiting = waiting
    }

    func run(_ part: Int) {
        runBody(part)
        monitor.locked {
            waiting -= 1
            if waiting == 0 { monitor.broadcast() }
        }
    }

    @inline(never) private func runBody(_ part: Int) {
        guard let body = monitor.locked({ self.body }) else { return }
        body(part)
    }

    func waitAndForget() {
        monitor.locked(when: { waiting == 0 }) { body = nil }
    }
}

/// Lets a large value go on another thread: its memory is given back to the system there while
/// this thread goes on. The value must not be used after; a copy kept elsewhere keeps it alive.
package func releaseOnAnotherThread(_ value: consuming some Sendable) {
    let holder = ReleasedValue(value)
    _ = BackgroundWork { holder.release() }
}

/// Holds a value for ``releaseOnAnotherThread(_:)`` until the other thread lets it go.
private final class ReleasedValue<Value: Sendable>: @unchecked Sendable {
    private var value: Value?

    init(_ value: consuming Value) { self.value = value }

    /// Called once, by the thread that frees the value.
    func release() { value = nil }
}
