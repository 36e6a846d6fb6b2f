/// A country, named by its ISO 3166-1 alpha-3 code such as `MLI` for Mali.
///
/// The code is three ASCII capital letters. Reports show the country's name where
/// the library knows it (see ``name``) and the code otherwise.
public struct CountryCode: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The three-letter code.
    public let code: String

    /// Creates a code, or returns `nil` unless `code` is exactly three ASCII capital letters.
    public init?(_ code: some StringProtocol) {
        let scalars = code.unicodeScalars
        guard scalars.count == 3, scalars.allSatisfy({ ("A"..."Z").contains($0) }) else { return nil }
        self.code = String(code)
    }

    /// Creates a code from a literal; an invalid literal is a programming error.
    public init(stringLiteral value: String) {
        guard let country = CountryCode(value) else {
            preconditionFailure("\"\(value)\" is not an ISO 3166-1 alpha-3 code (three capital letters)")
        }
        self = country
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let country = CountryCode(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\"\(text)\" is not an ISO 3166-1 alpha-3 code")
        }
        self = country
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    public var description: String { code }

    public static func < (lhs: CountryCode, rhs: CountryCode) -> Bool { lhs.code < rhs.code }

    /// The country's name in English and French, or the code itself when the library does not know it.
    public var name: LocalizedText {
        if let names = CountryCode.names[code] { return ["en": names.0, "fr": names.1] }
        return LocalizedText(stringLiteral: code)
    }

    /// English and French names of the countries a migration programme in Africa,
    /// the Middle East and Asia most often reports on.
    static let names: [String: (String, String)] = [
        "AFG": ("Afghanistan", "Afghanistan"),
        "DZA": ("Algeria", "Algérie"),
        "EGY": ("Egypt", "Égypte"),
        "ETH": ("Ethiopia", "Éthiopie"),
        "IRQ": ("Iraq", "Irak"),
        "LBN": ("Lebanon", "Liban"),
        "LBY": ("Libya", "Libye"),
        "MLI": ("Mali", "Mali"),
        "MAR": ("Morocco", "Maroc"),
        "NER": ("Niger", "Niger"),
        "NGA": ("Nigeria", "Nigéria"),
        "SDN": ("Sudan", "Soudan"),
        "TCD": ("Chad", "Tchad"),
        "TUN": ("Tunisia", "Tunisie"),
        "BFA": ("Burkina Faso", "Burkina Faso"),
        "BGD": ("Bangladesh", "Bangladesh"),
        "CIV": ("Côte d'Ivoire", "Côte d'Ivoire"),
        "CMR": ("Cameroon", "Cameroun"),
        "ERI": ("Eritrea", "Érythrée"),
        "GHA": ("Ghana", "Ghana"),
        "GIN": ("Guinea", "Guinée"),
        "GMB": ("Gambia", "Gambie"),
        "NLD": ("Netherlands", "Pays-Bas"),
        "PAK": ("Pakistan", "Pakistan"),
        "SEN": ("Senegal", "Sénégal"),
        "SLE": ("Sierra Leone", "Sierra Leone"),
        "SOM": ("Somalia", "Somalie"),
        "SSD": ("South Sudan", "Soudan du Sud"),
        "SYR": ("Syria", "Syrie"),
        "YEM": ("Yemen", "Yémen"),
    ]
}
