/// A JSON value, written deterministically: keys sorted, two-space indentation, no escaped slashes.
///
/// The JSON reporter builds the document as a tree of these values and writes it
/// with ``serialized()``. The output is the same, byte for byte, as Python's
/// `json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)` followed by a
/// line feed, so any tool can check it.
///
/// ```swift
/// let value: JSONValue = .object(["b": .int(1), "a": .string("x/y")])
/// value.serialized()   // "{\n  \"a\": \"x/y\",\n  \"b\": 1\n}\n"
/// ```
public enum JSONValue: Hashable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// An integer, written as a JSON number without a fraction or exponent.
    case int(Int)
    /// A string.
    case string(String)
    /// An array, in its order.
    case array([JSONValue])
    /// An object; its members are written sorted by key, by Unicode code point.
    ///
    /// Keys are Swift strings, so canonically equivalent keys (`é` and `e` followed by
    /// U+0301) are one key, as they are everywhere else in Compass.
    case object([String: JSONValue])

    /// The value as JSON text, ending with a line feed.
    public func serialized() -> String {
        var output: [UInt8] = []
        write(to: &output, indent: 0)
        output.append(UInt8(ascii: "\n"))
        return String(decoding: output, as: UTF8.self)
    }

    // The text is written as UTF-8 bytes: every byte that JSON escapes is ASCII, and the bytes of
    // a scalar above U+007F are never ASCII, so escaping byte by byte escapes exactly the scalars
    // to escape. (Appending to a `String` one scalar at a time took about five times as many
    // instructions.)

    private func write(to output: inout [UInt8], indent: Int) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value): output.append(contentsOf: String(value).utf8)
        case .string(let value): JSONValue.writeString(value, to: &output)
        case .array(let values):
            guard !values.isEmpty else {
                output.append(contentsOf: "[]".utf8)
                return
            }
            output.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.newLine(indent + 2, to: &output)
                value.write(to: &output, indent: indent + 2)
            }
            JSONValue.newLine(indent, to: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else {
                output.append(contentsOf: "{}".utf8)
                return
            }
            output.append(UInt8(ascii: "{"))
            // Sorted by code points, rather than by `String`'s `<`, which compares canonical
            // equivalents as equal: UTF-8 bytes sort as their code points do.
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, member) in sorted.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.newLine(indent + 2, to: &output)
                JSONValue.writeString(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                output.append(UInt8(ascii: " "))
                member.value.write(to: &output, indent: indent + 2)
            }
            JSONValue.newLine(indent, to: &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    /// A line feed, then `indent` spaces.
    private static func newLine(_ indent: Int, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    }

    /// Writes a string literal: `"` and `\` escaped, control characters as `\n`, `\r`, `\t`, `\b`, `\f` or `\u00XX`.
    ///
    /// Everything else, including `/` and every non-ASCII scalar, is written as it is, in UTF-8.
    static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        let utf8 = text.utf8
        if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            output.append(contentsOf: utf8)
        } else {
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
                case 0x0A: output.append(contentsOf: #"\n"#.utf8)
                case 0x0D: output.append(contentsOf: #"\r"#.utf8)
                case 0x09: output.append(contentsOf: #"\t"#.utf8)
                case 0x08: output.append(contentsOf: #"\b"#.utf8)
                case 0x0C: output.append(contentsOf: #"\f"#.utf8)
                case ..<0x20:
                    let digits = Array("0123456789abcdef".utf8)
                    output.append(contentsOf: #"\u00"#.utf8)
                    output.append(digits[Int(byte >> 4)])
                    output.append(digits[Int(byte & 15)])
                default: output.append(byte)
                }
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var members: [String: JSONValue] = [:]
        for (key, value) in elements { members[key] = value }
        self = .object(members)
    }
}
