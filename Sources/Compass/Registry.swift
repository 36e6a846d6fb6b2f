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
    /// Other names of formats, such as `md` for `markdown`: alias to id.
    private var aliases: [String: String] = [:]

    /// An empty registry.
    public init() {}

    /// The registry of the built-in formats: `markdown` (also called `md`), `csv`, `json` and `html`
    /// (also called `htm`).
    public static var builtIn: ReporterRegistry {
        var registry = ReporterRegistry()
        registry.register(MarkdownReporter.format, aliases: ["md"]) { MarkdownReporter(language: $0.language) }
        registry.register(CSVReporter.format) { CSVReporter(language: $0.language) }
        registry.register(JSONReporter.format) { JSONReporter(language: $0.language) }
        registry.register(HTMLReporter.format, aliases: ["htm"]) { HTMLReporter(language: $0.language) }
        return registry
    }

    /// Adds a format, or replaces the one with the same id.
    ///
    /// - Parameters:
    ///   - format: The format; its `id` is the name ``reporter(for:options:)`` looks up.
    ///   - aliases: Other names the format is asked for by, such as `md` for `markdown`. They are
    ///     not listed in ``formats``. An alias that is, or becomes, a format's id names that format.
    ///   - factory: Makes the format's reporter.
    public mutating func register(_ format: ReportFormat, aliases: [String] = [], factory: @escaping Factory) {
        if let index = entries.firstIndex(where: { $0.format.id == format.id }) {
            entries[index] = (format, factory)
        } else {
            entries.append((format, factory))
        }
        for alias in aliases { self.aliases[alias] = format.id }
    }

    /// The formats, in the order they were registered.
    public var formats: [ReportFormat] { entries.map(\.format) }

    /// The other names of the format `id`, sorted, such as `["md"]` for `markdown`.
    public func aliases(of id: String) -> [String] {
        aliases.filter { alias in alias.value == id && !entries.contains { $0.format.id == alias.key } }.map(\.key)
            .sorted()
    }

    /// A reporter for the format `id`, or for the format `id` is an alias of.
    ///
    /// - Throws: ``UnknownFormatError`` naming the formats that are available.
    public func reporter(for id: String, options: ReporterOptions = ReporterOptions()) throws(UnknownFormatError)
        -> any Reporter
    {
        let entry =
            entries.first(where: { $0.format.id == id })
            ?? aliases[id].flatMap { target in entries.first(where: { $0.format.id == target }) }
        guard let entry else {
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
