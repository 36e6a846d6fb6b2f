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

    func row(_ migrant: Migrant) {
        text(migrant.id.rawValue)
        comma()
        output.append(migrant.sex.code)
        comma()
        if let year = migrant.birthYear { number(year) }
        comma()
        if let nationality = migrant.nationality { output.append(nationality.code) }
        comma()
        if let date = migrant.registeredOn { output.append(date.description) }
        comma()
        var first = true
        for vulnerability in Vulnerability.allCases where migrant.vulnerabilities.contains(vulnerability) {
            if !first { output.append(byte: UInt8(ascii: ";")) }
            output.append(vulnerability.code)
            first = false
        }
        end()
    }

    func row(_ record: Assistance) {
        text(record.id.rawValue)
        comma()
        text(record.migrant.rawValue)
        comma()
        output.append(record.kind.code)
        comma()
        output.append(record.date.description)
        comma()
        output.append(record.country.code)
        end()
    }

    func row(_ record: SatisfactionResponse) {
        text(record.id.rawValue)
        comma()
        text(record.migrant.rawValue)
        comma()
        output.append(record.service.code)
        comma()
        output.append(record.date.description)
        comma()
        output.append(record.satisfied ? "yes" : "no")
        end()
    }

    func row(_ record: Training) {
        text(record.id.rawValue)
        comma()
        output.append(record.topic.code)
        comma()
        output.append(record.audience.code)
        comma()
        output.append(record.country.code)
        comma()
        output.append(record.startDate.description)
        comma()
        output.append(record.endDate.description)
        end()
    }

    func row(_ record: TrainingParticipant) {
        text(record.training.rawValue)
        comma()
        text(record.person.rawValue)
        comma()
        output.append(record.sex.code)
        comma()
        output.append(record.organisation.code)
        end()
    }

    func row(_ record: KnowledgeProduct) {
        text(record.id.rawValue)
        comma()
        output.append(record.kind.code)
        comma()
        text(record.title)
        comma()
        output.append(record.date.description)
        end()
    }

    func row(_ record: Dissemination) {
        text(record.id.rawValue)
        comma()
        text(record.product.rawValue)
        comma()
        output.append(record.date.description)
        comma()
        output.append(record.audience.code)
        comma()
        number(record.representatives)
        end()
    }

    func row(_ record: Engagement) {
        text(record.id.rawValue)
        comma()
        output.append(record.date.description)
        comma()
        output.append(record.country.code)
        comma()
        number(record.youth)
        comma()
        number(record.supportNetwork)
        end()
    }

    func row(_ record: PlatformVisits) {
        text(record.platform)
        comma()
        output.append(monthText(year: record.year, month: record.month))
        comma()
        number(record.visitors)
        end()
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
                        writer.text(language.code)
                        writer.comma()
                        writer.text(text)
                        writer.end()
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
