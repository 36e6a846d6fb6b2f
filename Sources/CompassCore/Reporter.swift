/// A report format: its identifier, file extension and media type.
public struct ReportFormat: Hashable, Sendable, CustomStringConvertible {
    /// The identifier used on the command line, such as `markdown`.
    public var id: String
    /// The file extension, without a dot, such as `md`.
    public var fileExtension: String
    /// The IANA media type, such as `text/markdown`.
    public var mediaType: String

    /// Creates a format.
    public init(id: String, fileExtension: String, mediaType: String) {
        self.id = id
        self.fileExtension = fileExtension
        self.mediaType = mediaType
    }

    public var description: String { id }
}

/// Renders a ``Report`` in one format: the one protocol every reporter, built-in or yours, conforms to.
///
/// Implementation requirements:
/// - **Deterministic**: the same report gives the same bytes, every time, on every
///   machine; no clocks, no randomness, no dictionary order.
/// - **Escaping**: every text that comes from a catalogue or a dataset is escaped
///   as the format needs, so that a title holding markup, delimiters or line breaks
///   cannot change the document's structure.
/// - **No recomputation**: a reporter shows the values, fractions and percents of
///   the report as they are; it never counts, rounds shares or drops cells itself.
///   ``FigureFormat`` formats numbers the same way for every reporter.
///
/// A reporter takes one ``Report`` value, so new information can be added to reports
/// without breaking reporters. Configuration, such as the language, belongs to the
/// reporter's own properties.
///
/// `checkReporter` in `CompassTesting` checks these requirements on a report of
/// hostile text; `Documentation/WritingAReporter.md` walks through a complete reporter.
///
/// ```swift
/// struct PlainTextReporter: Reporter {
///     static let format = ReportFormat(id: "text", fileExtension: "txt", mediaType: "text/plain")
///     func render(_ report: Report) throws -> String {
///         let style = FigureFormat(language: .english)
///         return report.entries.map { "\(style.display($0)) \($0.title[.english])" }.joined(separator: "\n")
///     }
/// }
/// ```
public protocol Reporter: Sendable {
    /// The format this reporter writes: one per type, whatever its configuration.
    static var format: ReportFormat { get }

    /// Renders the report as text.
    ///
    /// - Throws: An error when the report cannot be expressed in the format.
    func render(_ report: Report) throws -> String
}

extension Reporter {
    /// The format this reporter writes, ``Reporter/format``, read from an instance.
    public var format: ReportFormat { Self.format }
}
