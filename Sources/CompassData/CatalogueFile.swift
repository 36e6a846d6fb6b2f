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
        // The strict parser of JSON datasets reads it first: its syntax errors have a line and a column,
        // and the values it keeps say what was found where the decoder expected something else.
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            let location = LineTable(bytes).location(of: error.offset)
            throw CatalogueFileError(
                file: name, jsonPath: "",
                message: "is not valid JSON: \(error.message) (line \(location.line), column \(location.column))")
        }
        do {
            self = try JSONDecoder().decode(Catalogue.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw CatalogueFileError(decoding: error, file: name, document: document)
        } catch {
            throw CatalogueFileError(file: name, jsonPath: "", message: "is not a catalogue the library can read")
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
