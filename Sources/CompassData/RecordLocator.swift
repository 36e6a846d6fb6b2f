import CompassCore
import CompassEngine

/// Finds the file and line of the records that findings name, by reading their files again.
///
/// The findings made while records are added to the columns (a date outside the programme, a
/// service dated before the person's birth year, a country code that is not assigned, …) name
/// their record as `source key`, such as `migrants M00000024`, where the source is the file's
/// name without `.csv` and the key is the record's id (`training/person` for a participation,
/// `platform year-month` for a platform's visits). The locator reads only the files that
/// findings name, and only when some finding names a record, so a dataset without such
/// findings costs nothing; it compares the key columns of each row and sets
/// ``Finding/location`` to the first row with the key, or the second for a `duplicate-id`
/// finding (the repeat is what it reports). Rows the reader rejected are skipped: they never
/// reached the columns.
enum RecordLocator {
    /// The findings with the location of every record they name that is found in its file.
    ///
    /// - Parameters:
    ///   - findings: Findings, some naming a record.
    ///   - rejected: The lines of rows the reader rejected, by file name.
    ///   - maximumRecordBytes: The reader's limit on one record.
    ///   - open: The bytes of a file of the dataset, or `nil` when it cannot be read.
    static func locate<Source: ByteSource>(
        _ findings: [Finding], rejected: [String: Set<Int>], maximumRecordBytes: Int,
        open: (DatasetFile) -> Source?
    ) -> [Finding] {
        var wanted: [DatasetFile: Set<String>] = [:]
        for finding in findings where finding.location == nil {
            guard let (file, key) = reference(finding) else { continue }
            wanted[file, default: []].insert(key)
        }
        guard !wanted.isEmpty else { return findings }
        var lines: [DatasetFile: [String: [Int]]] = [:]
        for (file, keys) in wanted {
            guard let source = open(file) else { continue }
            lines[file] = find(
                keys, in: file, source: source, skipping: rejected[file.fileName] ?? [],
                maximumRecordBytes: maximumRecordBytes)
        }
        return findings.map { finding in
            guard finding.location == nil, let (file, key) = reference(finding),
                let found = lines[file]?[key], let first = found.first
            else { return finding }
            var located = finding
            let line = finding.rule == "duplicate-id" && found.count > 1 ? found[1] : first
            located.location = Finding.Location(file: file.fileName, line: line)
            return located
        }
    }

    /// The file and key of the record a finding names, or `nil` when it names none of a file.
    static func reference(_ finding: Finding) -> (DatasetFile, String)? {
        guard let record = finding.record, let space = record.firstIndex(of: " "),
            let file = DatasetFile(rawValue: String(record[..<space])), file != .description
        else { return nil }
        return (file, String(record[record.index(after: space)...]))
    }

    /// The columns whose values make a row's key, joined by `separator`.
    private static func keyColumns(_ file: DatasetFile) -> (names: [String], separator: String) {
        switch file {
        case .trainingParticipants: (["training_id", "person_id"], "/")
        case .platformVisits: (["platform", "month"], " ")
        default: ([file.columns[0]], "")
        }
    }

    /// The lines, first two at most, of the rows of `file` whose key is one of `keys`.
    private static func find<Source: ByteSource>(
        _ keys: Set<String>, in file: DatasetFile, source: Source, skipping rejected: Set<Int>,
        maximumRecordBytes: Int
    ) -> [String: [Int]] {
        let scanner = CSVScanner(source: source, maximumRecordBytes: maximumRecordBytes)
        let (names, separator) = keyColumns(file)
        var found: [String: [Int]] = [:]
        do {
            guard try scanner.nextRecord() else { return [:] }
            var header: [String] = []
            for index in 0..<scanner.fieldCount {
                header.append(scanner.withField(index) { String(decoding: $0, as: UTF8.self) })
            }
            let positions = names.compactMap { header.firstIndex(of: $0) }
            guard positions.count == names.count else { return [:] }
            let firsts = Set(
                keys.map { key in separator.isEmpty ? key : String(key.prefix { String($0) != separator }) })
            while try scanner.nextRecord() {
                guard positions.allSatisfy({ $0 < scanner.fieldCount }), !rejected.contains(scanner.recordLine)
                else { continue }
                let first = scanner.withField(positions[0]) { String(decoding: $0, as: UTF8.self) }
                guard firsts.contains(first) else { continue }
                var key = first
                if positions.count > 1 {
                    let second = scanner.withField(positions[1]) { String(decoding: $0, as: UTF8.self) }
                    key += separator + (file == .platformVisits ? month(second) : second)
                }
                guard keys.contains(key), (found[key]?.count ?? 0) < 2 else { continue }
                found[key, default: []].append(scanner.recordLine)
            }
        } catch {
            // A file that cannot be read again leaves its findings without a location.
        }
        return found
    }

    /// A `YYYY-MM` month as platform visits' findings write it, `year-month` without a leading zero.
    private static func month(_ text: String) -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]) else { return text }
        return "\(year)-\(month)"
    }
}

extension PreparedReadResult {
    /// Sets the location of every finding of the dataset that names a record found in its file.
    ///
    /// - Parameters:
    ///   - maximumRecordBytes: The reader's limit on one record.
    ///   - open: The bytes of a file of the dataset, or `nil` when it is absent or cannot be read.
    mutating func locateFindings<Source: ByteSource>(maximumRecordBytes: Int, open: (DatasetFile) -> Source?) {
        var rejected: [String: Set<Int>] = [:]
        for problem in problems where problem.severity == .error {
            if let line = problem.line { rejected[problem.file, default: []].insert(line) }
        }
        dataset.findings = RecordLocator.locate(
            dataset.findings, rejected: rejected, maximumRecordBytes: maximumRecordBytes, open: open)
    }
}
