#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A source of bytes read in chunks into a caller's buffer.
protocol ByteSource {
    /// Reads up to `buffer.count` bytes into `buffer`; returns 0 at the end.
    mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(DataFileError) -> Int
    /// The total number of bytes, when known.
    var totalBytes: Int? { get }
}

/// Bytes already in memory.
struct MemorySource: ByteSource {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(DataFileError) -> Int {
        let count = min(buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress, let target = buffer.baseAddress else { return }
            target.update(from: base + offset, count: count)
        }
        offset += count
        return count
    }

    var totalBytes: Int? { bytes.count }
}

/// An I/O failure: a file that cannot be opened, read or written.
struct DataFileError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "\(path): \(reason)" }

    static func system(_ path: String, _ action: String) -> DataFileError {
        DataFileError(path: path, reason: "cannot \(action): \(String(cString: strerror(errno)))")
    }
}

/// A file opened for reading with POSIX calls: no Foundation object per chunk.
final class FileSource: ByteSource {
    private let descriptor: Int32
    let path: String
    let totalBytes: Int?

    init(path: String) throws(DataFileError) {
        self.path = path
        (descriptor, totalBytes) = try openRegularFile(path)
    }

    deinit { close(descriptor) }

    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws(DataFileError) -> Int {
        while true {
            let count = posixRead(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw .system(path, "read the file")
        }
    }
}

/// A file written through a buffer, under a temporary name renamed into place by ``commit()``.
///
/// Until it is committed, nothing appears at the final path; a writer that is
/// discarded without a commit removes its temporary file.
final class FileOutput {
    let path: String
    private let temporary: String
    private var descriptor: Int32
    private(set) var buffer: [UInt8] = []
    private var committed = false
    private static let flushSize = 1 << 20

    init(path: String) throws(DataFileError) {
        self.path = path
        guard !isNonRegularFile(path) else {
            throw DataFileError(path: path, reason: "not a regular file; an output only replaces a regular file")
        }
        let url = URL(fileURLWithPath: path)
        temporary =
            url.deletingLastPathComponent().appendingPathComponent(
                ".\(url.lastPathComponent).\(getpid()).tmp"
            ).path
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw .system(path, "create the file") }
        buffer.reserveCapacity(FileOutput.flushSize + 4096)
    }

    /// An output kept in memory, never written: its ``buffer`` is appended to another output.
    init() {
        path = ""
        temporary = ""
        descriptor = -1
    }

    /// Whether the output is kept in memory only.
    var isInMemory: Bool { temporary.isEmpty }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        if !committed, !temporary.isEmpty { unlink(temporary) }
    }

    /// Appends bytes.
    @inline(__always) func append(_ bytes: some Sequence<UInt8>) { buffer.append(contentsOf: bytes) }

    /// Appends one byte.
    @inline(__always) func append(byte: UInt8) { buffer.append(byte) }

    /// Appends a string's UTF-8 bytes.
    @inline(__always) func append(_ text: String) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
    }

    /// Writes the buffer out when it is large enough.
    func flushIfNeeded() throws(DataFileError) {
        if buffer.count >= FileOutput.flushSize, !isInMemory { try flush() }
    }

    func flush() throws(DataFileError) {
        var failed = false
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    return
                }
                offset += written
            }
        }
        if failed { throw .system(path, "write the file") }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes and renames the file into place.
    func commit() throws(DataFileError) {
        try flush()
        let result = close(descriptor)
        descriptor = -1
        guard result == 0 else { throw .system(path, "write the file") }
        guard rename(temporary, path) == 0 else { throw .system(path, "rename the file into place") }
        committed = true
    }
}

/// Whether `path` names an existing directory (following symbolic links).
func isDirectory(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
}

/// Creates a directory and its parents when missing.
///
/// - Throws: ``DataFileError`` naming `path` and the system's reason, such as "Not a directory".
func createDirectory(_ path: String) throws(DataFileError) {
    if isDirectory(path) { return }
    // `a/b/c` makes `a`, then `a/b`, then `a/b/c`: every prefix that ends before a slash, then the path.
    let bytes = Array(path.utf8)
    var prefixes: [String] = []
    for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "/") && index > 0 && bytes[index - 1] != byte {
        prefixes.append(String(decoding: bytes[..<index], as: UTF8.self))
    }
    prefixes.append(path)
    for (index, prefix) in prefixes.enumerated() where !isDirectory(prefix) {
        guard mkdir(prefix, 0o777) != 0 else { continue }
        if errno == EEXIST {
            if isDirectory(prefix) { continue }
            // A file where a parent folder should be: the path goes through something that is not a folder.
            if index < prefixes.count - 1 { errno = ENOTDIR }
        }
        throw .system(path, "create the directory")
    }
}

/// Reads a whole file into memory.
///
/// - Throws: ``DataFileError`` whose reason is the system's alone, such as "No such file or directory".
func readWholeFile(_ path: String, limit: Int = 64 << 20) throws(DataFileError) -> [UInt8] {
    let (descriptor, size) = try openRegularFile(path)
    defer { close(descriptor) }
    if let size, size > limit {
        throw DataFileError(path: path, reason: "the file is larger than the limit of \(limit >> 20) MiB")
    }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = chunk.withUnsafeMutableBufferPointer { posixRead(descriptor, $0.baseAddress, $0.count) }
        if count > 0 {
            bytes.append(contentsOf: chunk[..<count])
            guard bytes.count <= limit else {
                throw DataFileError(path: path, reason: "the file is larger than the limit of \(limit >> 20) MiB")
            }
        } else if count == 0 {
            return bytes
        } else if errno != EINTR {
            throw DataFileError(path: path, reason: String(cString: strerror(errno)))
        }
    }
}

/// Opens a regular file for reading, and its size; refuses anything else without blocking.
///
/// The file is opened with `O_NONBLOCK`, so that a FIFO with no writer does not block the
/// open, then checked with `fstat`: a FIFO, a device, a socket or a directory is refused
/// with "not a regular file" before a byte is read. Reads of the regular file then block as usual.
func openRegularFile(_ path: String) throws(DataFileError) -> (descriptor: Int32, size: Int?) {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK)
    guard descriptor >= 0 else { throw .system(path, "open the file") }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
        close(descriptor)
        throw .system(path, "read the file's status")
    }
    guard (status.st_mode & S_IFMT) == S_IFREG else {
        close(descriptor)
        throw DataFileError(path: path, reason: "not a regular file")
    }
    let flags = fcntl(descriptor, F_GETFL)
    if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
    return (descriptor, Int(status.st_size))
}

/// Whether `path` exists and is something other than a regular file (a device, a FIFO, a
/// socket, a directory), which an output must never replace.
func isNonRegularFile(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && (status.st_mode & S_IFMT) != S_IFREG
}

/// `read(2)`, named apart from the methods called `read`.
private func posixRead(_ descriptor: Int32, _ pointer: UnsafeMutablePointer<UInt8>?, _ count: Int) -> Int {
    read(descriptor, pointer, count)
}
