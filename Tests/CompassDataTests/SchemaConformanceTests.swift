import Compass
import Testing

/// The reader keeps the contract the column tables state: each file's example row is valid, a
/// column that may not be empty rejects an empty value, and a value not of its column's type is
/// rejected, column by column.
@Suite struct SchemaConformanceTests {
    /// A CSV field from a column's documented example: `` `M000123` `` is `M000123`.
    static func field(_ example: String) -> String {
        example.hasPrefix("`") && example.hasSuffix("`") ? String(example.dropFirst().dropLast()) : example
    }

    /// Every file of the format, its header and one row of the documented examples, with
    /// `change` applied to the row of one file.
    static func files(changing file: DatasetFile? = nil, _ change: (inout [String]) -> Void = { _ in })
        -> [String: [UInt8]]
    {
        var files: [String: [UInt8]] = [:]
        for schema in DataFileSchema.all {
            var row = schema.columns.map { field($0.example) }
            if schema.file == file { change(&row) }
            let text = schema.columnNames.joined(separator: ",") + "\n" + row.joined(separator: ",") + "\n"
            files[schema.file.fileName] = Array(text.utf8)
        }
        return files
    }

    /// A value that is not of `type`, or `nil` when every text is.
    static func wrongValue(of type: ColumnSpec.ValueType) -> String? {
        switch type {
        case .identifier, .text: nil
        case .code, .codes: "not_a_code"
        case .date: "2022-02-30"
        case .month: "2022-13"
        case .country: "Mali"
        case .count: "-1"
        case .year: "19x4"
        case .yesNo: "maybe"
        }
    }

    /// The errors the reader finds in `file`.
    static func errors(in file: DatasetFile, _ files: [String: [UInt8]]) -> [DataProblem] {
        DatasetReader().read(files: files).problems.filter { $0.file == file.fileName && $0.severity == .error }
    }

    @Test func theDocumentedExamplesAreValid() {
        let result = DatasetReader().read(files: Self.files())
        #expect(result.problems.filter { $0.severity == .error } == [])
        #expect(result.accounting.allSatisfy { $0.rejected == 0 })
        #expect(result.dataset.recordCount == 9)
    }

    @Test(arguments: DataFileSchema.all.map(\.file))
    func everyColumnRejectsWhatItsTableRules(file: DatasetFile) {
        for (index, column) in file.schema.columns.enumerated() {
            let emptied = Self.errors(in: file, Self.files(changing: file) { $0[index] = "" })
            if column.allowsEmpty {
                #expect(emptied == [], "\(file.fileName): \(column.name) may be empty")
            } else {
                #expect(
                    emptied.contains { $0.field == column.name && $0.line == 2 },
                    "\(file.fileName): \(column.name) may not be empty")
            }
            guard let wrong = Self.wrongValue(of: column.type) else { continue }
            let errors = Self.errors(in: file, Self.files(changing: file) { $0[index] = wrong })
            #expect(
                errors.contains { $0.field == column.name && $0.line == 2 && $0.value == wrong },
                "\(file.fileName): \(column.name) is a \(column.type.documentedName), not '\(wrong)'")
        }
    }
}
