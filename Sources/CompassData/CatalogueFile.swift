public import CompassCore
import CompassEngine

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Why a catalogue file could not be read: the file, the place in the JSON, and what is wrong.
public struct CatalogueFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file read, or the name given to the text.
    public var file: String
    /// Where in the JSON the problem is, such as `indicators[3].measure.where.kind`; empty for the whole document.
    public var jsonPath: String
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, jsonPath: String, message: String) {
        self.file = file
        self.jsonPath = jsonPath
        self.message = message
    }

    /// `FILE: at PATH: MESSAGE`.
    public var description: String {
        jsonPath.isEmpty ? "\(file): \(message)" : "\(file): at \(jsonPath): \(message)"
    }
}

extension Catalogue {
    /// Reads a catalogue from a JSON file in the format `Documentation/Indicators.md` describes.
    ///
    /// The catalogue is only read here; `Catalogue.validate()` (which the engine
    /// runs before every evaluation) checks that it makes sense.
    ///
    /// - Throws: ``CatalogueFileError`` naming the file and the JSON path of the problem.
    public init(contentsOfJSONFile path: String) throws(CatalogueFileError) {
        let bytes: [UInt8]
        do {
            bytes = try readWholeFile(path)
        } catch {
            throw CatalogueFileError(file: path, jsonPath: "", message: "cannot be read (\(error.reason))")
        }
        try self.init(jsonData: bytes, name: path)
    }

    /// Reads a catalogue from JSON bytes; `name` is used in error messages.
    ///
    /// - Throws: ``CatalogueFileError`` naming the JSON path of the problem.
    public init(jsonData bytes: [UInt8], name: String = "catalogue") throws(CatalogueFileError) {
        do {
            self = try JSONDecoder().decode(Catalogue.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw CatalogueFileError(decoding: error, file: name)
        } catch {
            throw CatalogueFileError(file: name, jsonPath: "", message: "\(error)")
        }
    }

    /// The catalogue as JSON text: keys sorted, two-space indentation, slashes not escaped, a final newline.
    ///
    /// The same catalogue always gives the same text, which ``init(jsonData:name:)`` reads back equal.
    public func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}

extension CatalogueFileError {
    init(decoding error: DecodingError, file: String) {
        func path(_ codingPath: [any CodingKey]) -> String {
            var text = ""
            for key in codingPath {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
            return text
        }
        switch error {
        case .typeMismatch(let type, let context):
            self.init(
                file: file, jsonPath: path(context.codingPath),
                message: "expected \(CatalogueFileError.name(of: type)) (\(context.debugDescription))")
        case .valueNotFound(let type, let context):
            self.init(
                file: file, jsonPath: path(context.codingPath),
                message: "expected \(CatalogueFileError.name(of: type)), found null")
        case .keyNotFound(let key, let context):
            self.init(
                file: file, jsonPath: path(context.codingPath), message: "the key '\(key.stringValue)' is missing")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                let detail = context.underlyingError.map { " (\($0))" } ?? ""
                self.init(file: file, jsonPath: "", message: "is not valid JSON\(detail)")
            } else {
                self.init(file: file, jsonPath: path(context.codingPath), message: context.debugDescription)
            }
        @unknown default:
            self.init(file: file, jsonPath: "", message: "\(error)")
        }
    }

    static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is Bool.Type: "true or false"
        case is [Any].Type: "a list"
        default: "\(type)"
        }
    }
}
