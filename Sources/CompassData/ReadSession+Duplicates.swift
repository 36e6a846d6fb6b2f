import CompassCore
import CompassEngine

extension ReadSession {
    /// Checks an id of assistance.csv or surveys.csv; returns the line of the first record when it was seen before.
    ///
    /// While the file's ids come in ascending order, an id is only compared with the one before.
    /// At the first that does not, the file is screened (``screenOutOfOrder(_:line:)``); from
    /// then on, only the ids the screen suspects are checked exactly.
    ///
    /// - Parameter keepingOrder: Whether to copy the id, for the next one to be compared with,
    ///   before its memory changes; a caller whose ids stay where they are (a batch's bytes) passes
    ///   `false` and calls ``keepOrder()`` once they are about to change.
    @inline(__always)
    func firstLine(of id: UnsafeBufferPointer<UInt8>, line: Int, in file: DatasetFile, keepingOrder: Bool = true)
        -> Int?
    {
        if inOrder {
            if order.take(id) {
                if keepingOrder { order.keep() }
                return nil
            }
            screenOutOfOrder(file, line: line)
        }
        if let screenCheck, !screenCheck.isSuspect(id) { return nil }
        if file == .assistance {
            let (number, added) = assistanceIDs.insert(id)
            guard added else { return Int(assistanceLines[Int(number)]) }
            assistanceLines.append(Int32(clamping: line))
        } else {
            let (number, added) = surveyIDs.insert(id)
            guard added else { return Int(surveyLines[Int(number)]) }
            surveyLines.append(Int32(clamping: line))
        }
        return nil
    }

    /// Copies the last id checked in order (see ``firstLine(of:line:in:keepingOrder:)``), before
    /// the memory it was read from changes.
    func keepOrder() {
        if inOrder { order.keep() }
    }

    /// Notes a rejected row of the file being read while its ids are in order.
    func noteRejected(line: Int) {
        if inOrder { rejectedInOrder.append(line) }
    }

    /// Screens the file being read, whose id on line `line` is the first out of order, and keeps
    /// exactly, with its line, every id of the rows before it that the screen suspects: those rows
    /// came in ascending order, so only a later row can repeat one of them.
    ///
    /// The rows before `line` that were rejected had their ids never checked, and are left out;
    /// every other row before it was taken, and its id checked.
    private func screenOutOfOrder(_ file: DatasetFile, line: Int) {
        inOrder = false
        let rejected = Set(rejectedInOrder)
        rejectedInOrder = []
        guard let source = orderSource else { return }
        let column = file.columns[file.idPosition]
        screen = source.screen(
            column: column, seed: screenSeed, maximumRecordBytes: options.maximumRecordBytes, orderFirst: false)
        let check = screenCheck
        _ = source.forEachID(column: column, maximumRecordBytes: options.maximumRecordBytes, before: line) {
            id, idLine in
            if let check, !check.isSuspect(id) { return }
            guard !rejected.contains(idLine) else { return }
            if file == .assistance {
                if assistanceIDs.insert(id).inserted { assistanceLines.append(Int32(clamping: idLine)) }
            } else {
                if surveyIDs.insert(id).inserted { surveyLines.append(Int32(clamping: idLine)) }
            }
        }
    }

    /// Starts screening the ids of assistance.csv or surveys.csv, at `path`, on another thread;
    /// or, when its first ids are in ascending order, lets them be compared as they are read.
    func startScreen(_ file: DatasetFile, path: String) {
        startScreen(file, source: .path(path))
    }

    /// Starts screening the ids of assistance.csv or surveys.csv, given in memory, on another
    /// thread; or, when its first ids are in ascending order, lets them be compared as they are read.
    func startScreen(_ file: DatasetFile, bytes: [UInt8]) {
        startScreen(file, source: .bytes(bytes))
    }

    private func startScreen(_ file: DatasetFile, source: ScreenSource) {
        let column = file.columns[file.idPosition]
        if source.idsStartInOrder(column: column) {
            startInOrder[file] = source
            return
        }
        let seed = screenSeed
        let limit = options.maximumRecordBytes
        screens[file] = BackgroundWork { source.screen(column: column, seed: seed, maximumRecordBytes: limit) }
    }

}

/// Where a screened file is, to read it through the screen's functions: a path, or bytes in memory.
enum ScreenSource: Sendable {
    case path(String)
    case bytes([UInt8])

    /// ``DuplicateScreen/idsStartInOrder(opening:column:)`` of the file.
    func idsStartInOrder(column: String) -> Bool {
        switch self {
        case .path(let path):
            DuplicateScreen.idsStartInOrder(
                opening: { () throws(DataFileError) in try FileSource(path: path) }, column: column)
        case .bytes(let bytes):
            DuplicateScreen.idsStartInOrder(
                opening: { () throws(DataFileError) in MemorySource(bytes) }, column: column)
        }
    }

    /// The file's screen (``DuplicateScreen/screen(opening:column:seed:maximumRecordBytes:orderFirst:)``).
    func screen(column: String, seed: UInt64, maximumRecordBytes: Int, orderFirst: Bool = true) -> DuplicateScreen? {
        switch self {
        case .path(let path):
            DuplicateScreen.screen(
                opening: { () throws(DataFileError) in try FileSource(path: path) }, column: column, seed: seed,
                maximumRecordBytes: maximumRecordBytes, orderFirst: orderFirst)
        case .bytes(let bytes):
            DuplicateScreen.screen(
                opening: { () throws(DataFileError) in MemorySource(bytes) }, column: column, seed: seed,
                maximumRecordBytes: maximumRecordBytes, orderFirst: orderFirst)
        }
    }

    /// ``DuplicateScreen/forEachID(opening:column:maximumRecordBytes:before:_:)`` of the file.
    func forEachID(
        column: String, maximumRecordBytes: Int, before line: Int, _ body: (UnsafeBufferPointer<UInt8>, Int) -> Void
    ) -> Bool {
        switch self {
        case .path(let path):
            DuplicateScreen.forEachID(
                opening: { () throws(DataFileError) in try FileSource(path: path) }, column: column,
                maximumRecordBytes: maximumRecordBytes, before: line, body)
        case .bytes(let bytes):
            DuplicateScreen.forEachID(
                opening: { () throws(DataFileError) in MemorySource(bytes) }, column: column,
                maximumRecordBytes: maximumRecordBytes, before: line, body)
        }
    }
}
