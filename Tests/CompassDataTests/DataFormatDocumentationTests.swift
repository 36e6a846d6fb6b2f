import CompassData
import Foundation
import Testing

/// `Documentation/DataFormat.md` shows the tables of the format exactly as the code's schema renders them.
@Suite struct DataFormatDocumentationTests {
    /// The text of `Documentation/DataFormat.md`, found from this file's path.
    static func documentation() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent("Documentation/DataFormat.md").path
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// The table that starts at the first line after `heading` that begins with `|`: its lines up
    /// to the first that does not, each ending with a line feed; `nil` when `heading` is not there.
    static func table(after heading: String, in text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0 == heading }) else { return nil }
        let rest = lines[(start + 1)...].drop { !$0.hasPrefix("|") }
        return rest.prefix { $0.hasPrefix("|") }.map { $0 + "\n" }.joined()
    }

    @Test(arguments: DatasetFile.allCases)
    func columnTableIsTheGeneratedOne(_ file: DatasetFile) throws {
        let text = try Self.documentation()
        let documented = try #require(
            Self.table(after: "### `\(file.fileName)`", in: text), "no section for \(file.fileName)")
        #expect(documented == file.schema.markdownTable())
    }

    @Test func filesTableIsTheGeneratedOne() throws {
        let text = try Self.documentation()
        let documented = try #require(Self.table(after: "## The files", in: text))
        #expect(documented == DataFileSchema.markdownFilesTable())
    }

    @Test func everyColumnIsDescribedOnce() {
        for file in DatasetFile.allCases {
            let schema = file.schema
            #expect(schema.file == file)
            #expect(Set(schema.columnNames).count == schema.columns.count, "\(file.fileName) names a column twice")
            #expect(schema.columnNames == file.columns)
            for column in schema.columns where column.type == .code || column.type == .codes {
                #expect(!column.codes.isEmpty, "\(file.fileName): \(column.name) has no code list")
            }
        }
    }
}
