public import CompassCore
import CompassEngine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// CSV field quoting, as RFC 4180 asks.
enum CSVText {
    /// Whether a field must be quoted: it holds a comma, a quote, CR or LF, or starts with a byte-order mark.
    static func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes
        where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
            return true
        }
        return bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    static func appendField(_ bytes: UnsafeBufferPointer<UInt8>, to output: FileOutput) {
        guard needsQuotes(bytes) else {
            output.append(bytes)
            return
        }
        output.append(byte: UInt8(ascii: "\""))
        for byte in bytes {
            output.append(byte: byte)
            if byte == UInt8(ascii: "\"") { output.append(byte: byte) }
        }
        output.append(byte: UInt8(ascii: "\""))
    }

    static func appendField(_ text: String, to output: FileOutput) {
        var text = text
        text.withUTF8 { appendField($0, to: output) }
    }
}

/// Writes records as rows of the CSV dataset format: fields quoted where needed, LF line ends.
struct RowWriter {
    let output: FileOutput

    @inline(__always) func comma() { output.append(byte: UInt8(ascii: ",")) }
    @inline(__always) func end() { output.append(byte: 0x0A) }
    @inline(__always) func text(_ value: String) { CSVText.appendField(value, to: output) }
    @inline(__always) func number(_ value: Int) { output.append(String(value)) }

    func header(_ file: DatasetFile) {
        output.append(file.columns.joined(separator: ","))
        end()
    }

    /// Writes a row: `field` for each column of the file, in the order of its schema, separated by commas.
    @inline(__always) func row<Column: DatasetColumn>(_ columns: Column.Type, _ field: (Column) -> Void) {
        var first = true
        for column in Column.allCases {
            if !first { comma() }
            first = false
            field(column)
        }
        end()
    }

    func row(_ migrant: Migrant) {
        row(MigrantColumn.self) { column in
            switch column {
            case .id: text(migrant.id.rawValue)
            case .sex: output.append(migrant.sex.code)
            case .birthYear: if let year = migrant.birthYear { number(year) }
            case .nationality: if let nationality = migrant.nationality { output.append(nationality.code) }
            case .registeredOn: if let date = migrant.registeredOn { output.append(date.description) }
            case .vulnerabilities:
                var first = true
                for vulnerability in Vulnerability.allCases where migrant.vulnerabilities.contains(vulnerability) {
                    if !first { output.append(byte: UInt8(ascii: ";")) }
                    output.append(vulnerability.code)
                    first = false
                }
            }
        }
    }

    func row(_ record: Assistance) {
        row(AssistanceColumn.self) { column in
            switch column {
            case .id: text(record.id.rawValue)
            case .migrant: text(record.migrant.rawValue)
            case .kind: output.append(record.kind.code)
            case .date: output.append(record.date.description)
            case .country: output.append(record.country.code)
            }
        }
    }

    func row(_ record: SatisfactionResponse) {
        row(SurveyColumn.self) { column in
            switch column {
            case .id: text(record.id.rawValue)
            case .migrant: text(record.migrant.rawValue)
            case .service: output.append(record.service.code)
            case .date: output.append(record.date.description)
            case .satisfied: output.append(record.satisfied ? "yes" : "no")
            }
        }
    }

    func row(_ record: Training) {
        row(TrainingColumn.self) { column in
            switch column {
            case .id: text(record.id.rawValue)
            case .topic: output.append(record.topic.code)
            case .audience: output.append(record.audience.code)
            case .country: output.append(record.country.code)
            case .start: output.append(record.startDate.description)
            case .end: output.append(record.endDate.description)
            }
        }
    }

    func row(_ record: TrainingParticipant) {
        row(ParticipantColumn.self) { column in
            switch column {
            case .training: text(record.training.rawValue)
            case .person: text(record.person.rawValue)
            case .sex: output.append(record.sex.code)
            case .organisation: output.append(record.organisation.code)
            }
        }
    }

    func row(_ record: KnowledgeProduct) {
        row(ProductColumn.self) { column in
            switch column {
            case .id: text(record.id.rawValue)
            case .kind: output.append(record.kind.code)
            case .title: text(record.title)
            case .date: output.append(record.date.description)
            }
        }
    }

    func row(_ record: Dissemination) {
        row(DisseminationColumn.self) { column in
            switch column {
            case .id: text(record.id.rawValue)
            case .product: text(record.product.rawValue)
            case .date: output.append(record.date.description)
            case .audience: output.append(record.audience.code)
            case .representatives: number(record.representatives)
            }
        }
    }

    func row(_ record: Engagement) {
        row(EngagementColumn.self) { column in
            switch column {
            case .id: text(record.id.rawValue)
            case .date: output.append(record.date.description)
            case .country: output.append(record.country.code)
            case .youth: number(record.youth)
            case .supportNetwork: number(record.supportNetwork)
            }
        }
    }

    func row(_ record: PlatformVisits) {
        row(VisitColumn.self) { column in
            switch column {
            case .platform: text(record.platform)
            case .month: output.append(monthText(year: record.year, month: record.month))
            case .visitors: number(record.visitors)
            }
        }
    }

    /// Writes a row of description.csv: a language and its text.
    func row(language: Language, text description: String) {
        row(DescriptionColumn.self) { column in
            switch column {
            case .language: text(language.code)
            case .text: text(description)
            }
        }
    }
}

/// `YYYY-MM`, the year padded to four digits.
func monthText(year: Int, month: Int) -> String {
    let yearDigits = String(year)
    let monthDigits = String(month)
    return String(repeating: "0", count: max(0, 4 - yearDigits.count)) + yearDigits + "-"
        + String(repeating: "0", count: max(0, 2 - monthDigits.count)) + monthDigits
}

/// Why a dataset could not be written.
public struct DatasetWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file or directory concerned.
    public var path: String
    /// What went wrong.
    public var reason: String

    /// Creates the error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `path: reason`.
    public var description: String { "\(path): \(reason)" }

    init(_ error: DataFileError) { self.init(path: error.path, reason: error.reason) }
}

extension Dataset {
    /// Writes the dataset as a directory of CSV files, one per record kind, in the format ``DatasetFile`` describes.
    ///
    /// The directory is created when missing. Every file is written under a
    /// temporary name and renamed into place once complete; files of kinds with no
    /// records are still written, with their header only, so that reading the
    /// directory back gives an equal dataset. `description.csv` is written when
    /// the dataset has a description.
    ///
    /// - Parameter path: The directory.
    /// - Throws: ``DatasetWriteError`` when a file cannot be written.
    public func write(toDirectory path: String) throws(DatasetWriteError) {
        do {
            try createDirectory(path)
            func file(_ kind: DatasetFile, _ body: (RowWriter) throws(DataFileError) -> Void) throws(DataFileError) {
                let output = try FileOutput(path: path + "/" + kind.fileName)
                let writer = RowWriter(output: output)
                writer.header(kind)
                try body(writer)
                try output.commit()
            }
            try file(.migrants) { (writer) throws(DataFileError) in
                for record in migrants {
                    writer.row(record)
                    try writer.output.flushIfNeeded()
                }
            }
            try file(.assistance) { (writer) throws(DataFileError) in
                for record in assistance {
                    writer.row(record)
                    try writer.output.flushIfNeeded()
                }
            }
            try file(.surveys) { (writer) throws(DataFileError) in
                for record in surveys {
                    writer.row(record)
                    try writer.output.flushIfNeeded()
                }
            }
            try file(.trainings) { writer in for record in trainings { writer.row(record) } }
            try file(.trainingParticipants) { writer in for record in participants { writer.row(record) } }
            try file(.knowledgeProducts) { writer in for record in knowledgeProducts { writer.row(record) } }
            try file(.disseminations) { writer in for record in disseminations { writer.row(record) } }
            try file(.engagements) { writer in for record in engagements { writer.row(record) } }
            try file(.platformVisits) { writer in for record in platformVisits { writer.row(record) } }
            if let description {
                try file(.description) { writer in
                    for (language, text) in description.translations.sorted(by: { $0.key < $1.key }) {
                        writer.row(language: language, text: text)
                    }
                }
            } else {
                unlink(path + "/" + DatasetFile.description.fileName)
            }
        } catch {
            throw DatasetWriteError(error)
        }
    }
}
