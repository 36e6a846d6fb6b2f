public import CompassCore
import CompassEngine

/// A JSON value with the byte offset where it starts.
struct JSONValue {
    indirect enum Kind {
        case null
        case bool(Bool)
        /// The number as written.
        case number([UInt8])
        case string(String)
        case array([JSONValue])
        case object([(key: String, value: JSONValue)])
    }

    var kind: Kind
    var offset: Int

    var typeName: String {
        switch kind {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// A JSON syntax error at a byte offset.
struct JSONSyntaxError: Error {
    let offset: Int
    let message: String
}

/// A strict RFC 8259 parser over bytes that keeps where each value starts.
///
/// Nesting is limited to 64 levels, so hostile input cannot exhaust the stack.
struct JSONParser {
    let bytes: [UInt8]
    var position = 0
    static let maximumDepth = 64

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { parser.position = 3 }
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.position == bytes.count else {
            throw JSONSyntaxError(offset: parser.position, message: "unexpected text after the JSON value")
        }
        return value
    }

    mutating func skipSpace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    func fail(_ message: String) -> JSONSyntaxError { JSONSyntaxError(offset: position, message: message) }

    mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        skipSpace()
        guard depth < JSONParser.maximumDepth else {
            throw fail("nesting deeper than \(JSONParser.maximumDepth) levels")
        }
        guard position < bytes.count else { throw fail("the text ends where a value is expected") }
        let start = position
        switch bytes[position] {
        case UInt8(ascii: "{"):
            position += 1
            var members: [(key: String, value: JSONValue)] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return JSONValue(kind: .object(members), offset: start)
            }
            while true {
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                    throw fail("a key in quotes is expected")
                }
                let key = try string()
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                    throw fail("':' is expected after a key")
                }
                position += 1
                members.append((key, try value(depth: depth + 1)))
                skipSpace()
                guard position < bytes.count else { throw fail("the text ends inside an object") }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                guard bytes[position] == UInt8(ascii: "}") else { throw fail("',' or '}' is expected") }
                position += 1
                return JSONValue(kind: .object(members), offset: start)
            }
        case UInt8(ascii: "["):
            position += 1
            var elements: [JSONValue] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return JSONValue(kind: .array(elements), offset: start)
            }
            while true {
                elements.append(try value(depth: depth + 1))
                skipSpace()
                guard position < bytes.count else { throw fail("the text ends inside an array") }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                guard bytes[position] == UInt8(ascii: "]") else { throw fail("',' or ']' is expected") }
                position += 1
                return JSONValue(kind: .array(elements), offset: start)
            }
        case UInt8(ascii: "\""):
            return JSONValue(kind: .string(try string()), offset: start)
        case UInt8(ascii: "t"):
            try literal("true")
            return JSONValue(kind: .bool(true), offset: start)
        case UInt8(ascii: "f"):
            try literal("false")
            return JSONValue(kind: .bool(false), offset: start)
        case UInt8(ascii: "n"):
            try literal("null")
            return JSONValue(kind: .null, offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONValue(kind: .number(try number()), offset: start)
        default:
            throw fail("a value is expected")
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw fail("a value is expected") }
        for index in 0..<count where bytes[position + index] != word.utf8Start[index] {
            throw fail("a value is expected")
        }
        position += count
    }

    mutating func number() throws(JSONSyntaxError) -> [UInt8] {
        let start = position
        func digits() -> Int {
            let first = position
            while position < bytes.count, (48...57).contains(bytes[position]) { position += 1 }
            return position - first
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, (48...57).contains(bytes[position]) else { throw fail("a digit is expected") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            _ = digits()
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw fail("a digit is expected after '.'") }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard digits() > 0 else { throw fail("a digit is expected in the exponent") }
        }
        return Array(bytes[start..<position])
    }

    mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw fail("four hexadecimal digits are expected after \\u") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case 48...57: digit = UInt32(byte - 48)
            case 65...70: digit = UInt32(byte - 55)
            case 97...102: digit = UInt32(byte - 87)
            default: throw fail("four hexadecimal digits are expected after \\u")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    mutating func string() throws(JSONSyntaxError) -> String {
        position += 1
        var text: [UInt8] = []
        var start = position
        while true {
            guard position < bytes.count else { throw fail("the text ends inside a string") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                text.append(contentsOf: bytes[start..<position])
                position += 1
                guard let string = String(validating: text, as: UTF8.self) else {
                    throw JSONSyntaxError(offset: start, message: "a string is not valid UTF-8")
                }
                return string
            }
            if byte < 0x20 { throw fail("a control character inside a string must be escaped") }
            if byte != UInt8(ascii: "\\") {
                position += 1
                continue
            }
            text.append(contentsOf: bytes[start..<position])
            position += 1
            guard position < bytes.count else { throw fail("the text ends inside a string") }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escape)
            case UInt8(ascii: "b"): text.append(0x08)
            case UInt8(ascii: "f"): text.append(0x0C)
            case UInt8(ascii: "n"): text.append(0x0A)
            case UInt8(ascii: "r"): text.append(0x0D)
            case UInt8(ascii: "t"): text.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    guard position + 2 <= bytes.count, bytes[position] == UInt8(ascii: "\\"),
                        bytes[position + 1] == UInt8(ascii: "u")
                    else { throw fail("a high surrogate must be followed by a low surrogate") }
                    position += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else {
                        throw fail("a high surrogate must be followed by a low surrogate")
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw fail("a lone surrogate is not a character") }
                text.append(contentsOf: String(unicode).utf8)
            default:
                throw fail("'\\\(String(UnicodeScalar(escape)))' is not a JSON escape")
            }
            start = position
        }
    }
}

/// Lines and columns of byte offsets in a text, computed once.
struct LineTable {
    let bytes: [UInt8]
    let starts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
        self.starts = starts
    }

    /// The 1-based line and column (in characters) of a byte offset.
    func location(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        var column = 1
        var index = starts[low]
        while index < min(offset, bytes.count) {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return (low + 1, column)
    }
}

/// Decodes the records of one array of a JSON dataset, value by value, with the CSV rules.
final class JSONRowReader: RowDecoding {
    let file: DatasetFile
    unowned let session: ReadSession
    let name: String
    let lines: LineTable
    var rowError: Rejection?
    var recordLine = 1
    var recordOffset = 0
    var index = 0
    var members: [String: JSONValue] = [:]

    init(file: DatasetFile, session: ReadSession, name: String, lines: LineTable) {
        self.file = file
        self.session = session
        self.name = name
        self.lines = lines
    }

    func path(_ position: Int) -> String { "\(file.rawValue)[\(index)].\(file.columns[position])" }

    func report(_ severity: Finding.Severity, _ rejection: Rejection, offset: Int, field: String?, value: String?) {
        if severity == .error, rowError == nil { rowError = rejection }
        let location = lines.location(of: offset)
        session.report(
            DataProblem(
                severity, file: name, line: location.line, column: location.column, field: field, value: value,
                rule: rejection.rule, message: rejection.message))
    }

    /// The value of a column as the bytes it would have in CSV, or a rejection for a value of the wrong type.
    func text(of value: JSONValue) -> Result<[UInt8], Rejection> {
        switch value.kind {
        case .null: return .success([])
        case .bool(let flag): return .success(Array((flag ? "yes" : "no").utf8))
        case .number(let digits): return .success(digits)
        case .string(let string): return .success(Array(string.utf8))
        case .array(let elements):
            var joined: [UInt8] = []
            for (index, element) in elements.enumerated() {
                guard case .string(let string) = element.kind else {
                    return .failure(
                        Rejection("invalid-type", "an array of strings is expected, not \(element.typeName) inside"))
                }
                if index > 0 { joined.append(UInt8(ascii: ";")) }
                joined += string.utf8
            }
            return .success(joined)
        case .object:
            return .failure(Rejection("invalid-type", "a string, number or boolean is expected, not an object"))
        }
    }

    func value<T>(_ position: Int, _ parse: (UnsafeBufferPointer<UInt8>) -> Result<T, Rejection>) -> T? {
        let member = members[file.columns[position]]
        let offset = member?.offset ?? recordOffset
        let bytes: [UInt8]
        switch member.map(text(of:)) ?? .success([]) {
        case .success(let value): bytes = value
        case .failure(let rejection):
            report(.error, rejection, offset: offset, field: path(position), value: nil)
            return nil
        }
        let outcome = bytes.withUnsafeBufferPointer { buffer -> (T?, Rejection?, String) in
            switch parse(buffer) {
            case .success(let value): return (value, nil, "")
            case .failure(let rejection): return (nil, rejection, DataProblem.display(buffer))
            }
        }
        if let rejection = outcome.1 {
            report(.error, rejection, offset: offset, field: path(position), value: outcome.2)
        }
        return outcome.0
    }

    func withBytes<R>(_ position: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let bytes: [UInt8]
        if let member = members[file.columns[position]], case .success(let text) = text(of: member) {
            bytes = text
        } else {
            bytes = []
        }
        return bytes.withUnsafeBufferPointer(body)
    }

    func optionalValue<T>(_ position: Int, _ parse: (UnsafeBufferPointer<UInt8>) -> Result<T, Rejection>) -> T?? {
        guard let member = members[file.columns[position]] else { return .some(nil) }
        if case .null = member.kind { return .some(nil) }
        if case .string(let text) = member.kind, text.isEmpty { return .some(nil) }
        guard let value = value(position, parse) else { return nil }
        return .some(value)
    }

    func failValue(_ position: Int, _ rejection: Rejection, value: String?) {
        report(
            .error, rejection, offset: members[file.columns[position]]?.offset ?? recordOffset, field: path(position),
            value: value)
    }

    func warnValue(_ position: Int, _ rejection: Rejection, value: String?) {
        report(
            .warning, rejection, offset: members[file.columns[position]]?.offset ?? recordOffset, field: path(position),
            value: value)
    }

    /// Reads every element of the array; returns the accounting.
    func read(_ elements: [JSONValue]) -> FileAccounting {
        var counts = FileAccounting(file: "\(name)#\(file.rawValue)", isPresent: true)
        let known = Set(file.columns)
        for (position, element) in elements.enumerated() {
            counts.read += 1
            index = position
            rowError = nil
            recordOffset = element.offset
            recordLine = lines.location(of: element.offset).line
            guard case .object(let pairs) = element.kind else {
                report(
                    .error, Rejection("invalid-type", "a record is an object, not \(element.typeName)"),
                    offset: element.offset, field: "\(file.rawValue)[\(position)]", value: nil)
                counts.rejected += 1
                continue
            }
            members = [:]
            for (key, value) in pairs {
                if members[key] != nil {
                    report(
                        .error, Rejection("duplicate-key", "the key '\(DataProblem.display(key))' appears twice"),
                        offset: value.offset, field: "\(file.rawValue)[\(position)].\(key)", value: nil)
                } else if !known.contains(key) {
                    report(
                        .warning,
                        Rejection(
                            "unknown-column",
                            "'\(DataProblem.display(key))' is not a field of \(file.rawValue) and is ignored (the fields are \(file.columns.joined(separator: ", ")))"
                        ), offset: value.offset, field: "\(file.rawValue)[\(position)].\(key)", value: nil)
                }
                members[key] = members[key] ?? value
            }
            if decodeRow(), rowError == nil {
                counts.accepted += 1
            } else {
                counts.rejected += 1
            }
        }
        return counts
    }
}

extension ReadSession {
    /// Reads a JSON dataset: `{"format": "compass-dataset", "version": 1, "migrants": [...], ...}`.
    func readJSON(_ bytes: [UInt8], name: String) {
        listed = 0
        suppressed = 0
        let lines = LineTable(bytes)
        func problem(_ rule: String, _ message: String, offset: Int, field: String? = nil) {
            let location = lines.location(of: offset)
            report(
                DataProblem(
                    .error, file: name, line: location.line, column: location.column, field: field, rule: rule,
                    message: message))
        }
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            problem("json-syntax", error.message, offset: error.offset)
            return
        }
        guard case .object(let pairs) = root.kind else {
            problem("invalid-type", "a JSON dataset is an object, not \(root.typeName)", offset: root.offset)
            return
        }
        var members: [String: JSONValue] = [:]
        for (key, value) in pairs {
            if members[key] != nil {
                problem(
                    "duplicate-key", "the key '\(DataProblem.display(key))' appears twice", offset: value.offset,
                    field: key)
            }
            members[key] = members[key] ?? value
        }
        let format = members["format"].flatMap { value -> String? in
            if case .string(let text) = value.kind { return text }
            return nil
        }
        guard format == "compass-dataset" else {
            problem(
                "invalid-format", "the \"format\" key must be \"compass-dataset\"",
                offset: members["format"]?.offset ?? 0,
                field: "format")
            return
        }
        let version = members["version"].flatMap { value -> [UInt8]? in
            if case .number(let digits) = value.kind { return digits }
            return nil
        }
        guard version == Array("1".utf8) else {
            problem(
                "invalid-format", "the \"version\" key must be 1, the only version this library reads",
                offset: members["version"]?.offset ?? 0, field: "version")
            return
        }
        let arrays = Set(DatasetFile.allCases.filter { $0 != .description }.map(\.rawValue))
        for (key, value) in pairs where !arrays.contains(key) && !["format", "version", "description"].contains(key) {
            let location = lines.location(of: value.offset)
            report(
                DataProblem(
                    .warning, file: name, line: location.line, column: location.column, field: key, rule: "unknown-key",
                    message: "not a key of the JSON dataset format; ignored"))
        }
        if let description = members["description"] {
            switch description.kind {
            case .null: break
            case .object(let texts):
                var translations: [Language: String] = [:]
                for (language, text) in texts {
                    guard case .string(let string) = text.kind else {
                        problem(
                            "invalid-type", "a description is text, not \(text.typeName)", offset: text.offset,
                            field: "description.\(language)")
                        continue
                    }
                    translations[Language(language)] = string
                }
                descriptionTexts = translations
            default:
                problem(
                    "invalid-type",
                    "the description is an object of texts by language code, not \(description.typeName)",
                    offset: description.offset, field: "description")
            }
        }
        for file in DatasetFile.allCases where file != .description {
            willRead(file)
            guard let value = members[file.rawValue] else {
                accounting.append(FileAccounting(file: "\(name)#\(file.rawValue)", isPresent: false))
                if file.isRequired {
                    problem(
                        "missing-file", "the key \"\(file.rawValue)\" is required", offset: root.offset,
                        field: file.rawValue)
                }
                continue
            }
            guard case .array(let elements) = value.kind else {
                problem(
                    "invalid-type", "\"\(file.rawValue)\" is an array of records, not \(value.typeName)",
                    offset: value.offset,
                    field: file.rawValue)
                accounting.append(FileAccounting(file: "\(name)#\(file.rawValue)", isPresent: true))
                continue
            }
            let reader = JSONRowReader(file: file, session: self, name: name, lines: lines)
            accounting.append(reader.read(elements))
            switch file {
            case .migrants: migrantsRead = true
            case .trainings: trainingsRead = true
            case .knowledgeProducts: productsRead = true
            default: break
            }
        }
        if suppressed > 0 {
            problems.append(
                DataProblem(
                    .note, file: name, rule: "more-problems",
                    message: "\(grouped(suppressed)) more problems in this file are not listed"))
        }
    }
}

/// Writes JSON text by hand: keys in the documented order, strings escaped, the same bytes for the same dataset.
struct JSONText {
    var bytes: [UInt8] = []

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": bytes += Array("\\\"".utf8)
            case "\\": bytes += Array("\\\\".utf8)
            case "\n": bytes += Array("\\n".utf8)
            case "\r": bytes += Array("\\r".utf8)
            case "\t": bytes += Array("\\t".utf8)
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    bytes += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                } else {
                    bytes += Array(String(scalar).utf8)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func raw(_ text: String) { bytes += Array(text.utf8) }

    /// Writes `{"key": value, ...}` on one line, `nil` values left out.
    mutating func object(_ members: [(String, JSONField?)]) {
        raw("{")
        var first = true
        for (key, value) in members {
            guard let value else { continue }
            if !first { raw(", ") }
            first = false
            string(key)
            raw(": ")
            switch value {
            case .text(let text): string(text)
            case .number(let number): raw(String(number))
            case .bool(let flag): raw(flag ? "true" : "false")
            case .texts(let texts):
                raw("[")
                for (index, text) in texts.enumerated() {
                    if index > 0 { raw(", ") }
                    string(text)
                }
                raw("]")
            }
        }
        raw("}")
    }
}

enum JSONField {
    case text(String)
    case number(Int)
    case bool(Bool)
    case texts([String])
}

extension Dataset {
    /// The dataset as a JSON document: `{"format": "compass-dataset", "version": 1, "migrants": [...], ...}`.
    ///
    /// Each record is an object on its own line whose keys are the CSV column
    /// names; the same dataset always gives the same bytes.
    public func jsonBytes() -> [UInt8] {
        var json = JSONText()
        json.raw("{\n  \"format\": \"compass-dataset\",\n  \"version\": 1")
        if let description {
            json.raw(",\n  \"description\": {")
            for (index, (language, text)) in description.translations.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { json.raw(", ") }
                json.string(language.code)
                json.raw(": ")
                json.string(text)
            }
            json.raw("}")
        }
        func array<R>(_ file: DatasetFile, _ records: [R], _ fields: (R) -> [(String, JSONField?)]) {
            json.raw(",\n  ")
            json.string(file.rawValue)
            json.raw(": [")
            for (index, record) in records.enumerated() {
                json.raw(index == 0 ? "\n    " : ",\n    ")
                json.object(fields(record))
            }
            json.raw(records.isEmpty ? "]" : "\n  ]")
        }
        array(.migrants, migrants) { record in
            [
                (MigrantColumn.id.name, .text(record.id.rawValue)), (MigrantColumn.sex.name, .text(record.sex.code)),
                (MigrantColumn.birthYear.name, record.birthYear.map { .number($0) }),
                (MigrantColumn.nationality.name, record.nationality.map { .text($0.code) }),
                (MigrantColumn.registeredOn.name, record.registeredOn.map { .text($0.description) }),
                (
                    MigrantColumn.vulnerabilities.name,
                    .texts(Vulnerability.allCases.filter { record.vulnerabilities.contains($0) }.map(\.code))
                ),
            ]
        }
        array(.assistance, assistance) { record in
            [
                (AssistanceColumn.id.name, .text(record.id.rawValue)),
                (AssistanceColumn.migrant.name, .text(record.migrant.rawValue)),
                (AssistanceColumn.kind.name, .text(record.kind.code)),
                (AssistanceColumn.date.name, .text(record.date.description)),
                (AssistanceColumn.country.name, .text(record.country.code)),
            ]
        }
        array(.surveys, surveys) { record in
            [
                (SurveyColumn.id.name, .text(record.id.rawValue)),
                (SurveyColumn.migrant.name, .text(record.migrant.rawValue)),
                (SurveyColumn.service.name, .text(record.service.code)),
                (SurveyColumn.date.name, .text(record.date.description)),
                (SurveyColumn.satisfied.name, .bool(record.satisfied)),
            ]
        }
        array(.trainings, trainings) { record in
            [
                (TrainingColumn.id.name, .text(record.id.rawValue)),
                (TrainingColumn.topic.name, .text(record.topic.code)),
                (TrainingColumn.audience.name, .text(record.audience.code)),
                (TrainingColumn.country.name, .text(record.country.code)),
                (TrainingColumn.start.name, .text(record.startDate.description)),
                (TrainingColumn.end.name, .text(record.endDate.description)),
            ]
        }
        array(.trainingParticipants, participants) { record in
            [
                (ParticipantColumn.training.name, .text(record.training.rawValue)),
                (ParticipantColumn.person.name, .text(record.person.rawValue)),
                (ParticipantColumn.sex.name, .text(record.sex.code)),
                (ParticipantColumn.organisation.name, .text(record.organisation.code)),
            ]
        }
        array(.knowledgeProducts, knowledgeProducts) { record in
            [
                (ProductColumn.id.name, .text(record.id.rawValue)), (ProductColumn.kind.name, .text(record.kind.code)),
                (ProductColumn.title.name, .text(record.title)),
                (ProductColumn.date.name, .text(record.date.description)),
            ]
        }
        array(.disseminations, disseminations) { record in
            [
                (DisseminationColumn.id.name, .text(record.id.rawValue)),
                (DisseminationColumn.product.name, .text(record.product.rawValue)),
                (DisseminationColumn.date.name, .text(record.date.description)),
                (DisseminationColumn.audience.name, .text(record.audience.code)),
                (DisseminationColumn.representatives.name, .number(record.representatives)),
            ]
        }
        array(.engagements, engagements) { record in
            [
                (EngagementColumn.id.name, .text(record.id.rawValue)),
                (EngagementColumn.date.name, .text(record.date.description)),
                (EngagementColumn.country.name, .text(record.country.code)),
                (EngagementColumn.youth.name, .number(record.youth)),
                (EngagementColumn.supportNetwork.name, .number(record.supportNetwork)),
            ]
        }
        array(.platformVisits, platformVisits) { record in
            [
                (VisitColumn.platform.name, .text(record.platform)),
                (VisitColumn.month.name, .text(monthText(year: record.year, month: record.month))),
                (VisitColumn.visitors.name, .number(record.visitors)),
            ]
        }
        json.raw("\n}\n")
        return json.bytes
    }

    /// Writes the dataset as one JSON file, through a temporary file renamed into place.
    ///
    /// - Throws: ``DatasetWriteError`` when the file cannot be written.
    public func writeJSON(to path: String) throws(DatasetWriteError) {
        do {
            let output = try FileOutput(path: path)
            output.append(jsonBytes())
            try output.commit()
        } catch {
            throw DatasetWriteError(error)
        }
    }
}
