import CompassCSV
public import CompassCore
import CompassHTML
import CompassJSON
import CompassMarkdown

/// What a reporter is made with: the choices every built-in reporter understands.
public struct ReporterOptions: Hashable, Sendable {
    /// The language of the report's labels and number formatting.
    public var language: Language

    /// Creates options; English by default.
    public init(language: Language = .english) { self.language = language }
}

/// The reporters available by format id: the built-in ones, and any you register.
///
/// A registry is a plain value: no global state. Start from ``builtIn`` and add
/// your own; the command-line interface takes a registry, so your formats work
/// there exactly like the built-in ones.
///
/// ```swift
/// var registry = ReporterRegistry.builtIn
/// registry.register(ReportFormat(id: "hxl", fileExtension: "csv", mediaType: "text/csv")) { options in
///     HXLReporter(language: options.language)
/// }
/// let reporter = try registry.reporter(for: "hxl", options: ReporterOptions(language: .french))
/// ```
public struct ReporterRegistry: Sendable {
    /// Makes a reporter from options.
    public typealias Factory = @Sendable (ReporterOptions) -> any Reporter

    private var entries: [(format: ReportFormat, make: Factory)] = []

    /// An empty registry.
    public init() {}

    /// The registry of the built-in formats: `markdown`, `csv`, `json` and `html`.
    public static var builtIn: ReporterRegistry {
        var registry = ReporterRegistry()
        registry.register(MarkdownReporter.format) { MarkdownReporter(language: $0.language) }
        registry.register(CSVReporter.format) { CSVReporter(language: $0.language) }
        registry.register(JSONReporter.format) { JSONReporter(language: $0.language) }
        registry.register(HTMLReporter.format) { HTMLReporter(language: $0.language) }
        return registry
    }

    /// Adds a format, or replaces the one with the same id.
    public mutating func register(_ format: ReportFormat, factory: @escaping Factory) {
        if let index = entries.firstIndex(where: { $0.format.id == format.id }) {
            entries[index] = (format, factory)
        } else {
            entries.append((format, factory))
        }
    }

    /// The formats, in the order they were registered.
    public var formats: [ReportFormat] { entries.map(\.format) }

    /// A reporter for the format `id`.
    ///
    /// - Throws: ``UnknownFormatError`` naming the formats that are available.
    public func reporter(for id: String, options: ReporterOptions = ReporterOptions()) throws(UnknownFormatError)
        -> any Reporter
    {
        guard let entry = entries.first(where: { $0.format.id == id }) else {
            throw UnknownFormatError(id: id, available: formats.map(\.id))
        }
        return entry.make(options)
    }
}

/// The error of asking a registry for a format it does not have.
public struct UnknownFormatError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The format asked for.
    public var id: String
    /// The formats the registry has.
    public var available: [String]

    public var description: String {
        "unknown format '\(id)'; available formats: \(available.joined(separator: ", "))"
    }
}
