/// A language a report can be written in, named by its ISO 639-1 code.
///
/// The library ships labels in ``english`` and ``french``; any other code can be
/// used for indicator titles, and falls back to English where a label is missing.
public struct Language: Hashable, Sendable, Codable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The ISO 639-1 code, such as `en` or `fr`.
    public let code: String

    /// Creates a language from its ISO 639-1 code.
    public init(_ code: String) { self.code = code }

    public init(stringLiteral value: String) { self.code = value }

    public init(from decoder: any Decoder) throws {
        code = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    /// English, the default language of every report.
    public static let english = Language("en")
    /// French.
    public static let french = Language("fr")

    public var description: String { code }

    public static func < (lhs: Language, rhs: Language) -> Bool { lhs.code < rhs.code }
}

/// A text given in several languages, such as an indicator's title.
///
/// ```swift
/// let title: LocalizedText = ["en": "Girls assisted", "fr": "Filles assistées"]
/// title[.french]     // "Filles assistées"
/// title["es"]        // "Girls assisted": English is the fallback
/// ```
public struct LocalizedText: Hashable, Sendable, Codable, ExpressibleByDictionaryLiteral,
    ExpressibleByStringLiteral
{
    /// The text in each language it is given in.
    public var translations: [Language: String]

    /// Creates a text from its translations.
    public init(_ translations: [Language: String]) { self.translations = translations }

    public init(dictionaryLiteral elements: (Language, String)...) {
        var translations: [Language: String] = [:]
        for (language, text) in elements { translations[language] = text }
        self.translations = translations
    }

    /// Creates a text given in English only.
    public init(stringLiteral value: String) { translations = [.english: value] }

    /// The text in `language`, else in English, else in the first language by code; empty if none.
    public subscript(language: Language) -> String {
        if let text = translations[language] { return text }
        if let text = translations[.english] { return text }
        return translations.sorted { $0.key < $1.key }.first?.value ?? ""
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            translations = [.english: text]
        } else {
            let raw = try container.decode([String: String].self)
            var translations: [Language: String] = [:]
            for (code, text) in raw { translations[Language(code)] = text }
            self.translations = translations
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        var raw: [String: String] = [:]
        for (language, text) in translations { raw[language.code] = text }
        try container.encode(raw)
    }
}
