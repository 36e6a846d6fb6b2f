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
        var output = ""
        write(to: &output, indent: 0)
        output += "\n"
        return output
    }

    private func write(to output: inout String, indent: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .string(let value): JSONValue.writeString(value, to: &output)
        case .array(let values):
            guard !values.isEmpty else {
                output += "[]"
                return
            }
            output += "["
            for (index, value) in values.enumerated() {
                output += index == 0 ? "\n" : ",\n"
                output += String(repeating: " ", count: indent + 2)
                value.write(to: &output, indent: indent + 2)
            }
            output += "\n" + String(repeating: " ", count: indent) + "]"
        case .object(let members):
            guard !members.isEmpty else {
                output += "{}"
                return
            }
            output += "{"
            // Sorting by scalars (code points) rather than by `String`'s `<`, which compares canonical equivalents as equal.
            let sorted = members.sorted { $0.key.unicodeScalars.lexicographicallyPrecedes($1.key.unicodeScalars) }
            for (index, member) in sorted.enumerated() {
                output += index == 0 ? "\n" : ",\n"
                output += String(repeating: " ", count: indent + 2)
                JSONValue.writeString(member.key, to: &output)
                output += ": "
                member.value.write(to: &output, indent: indent + 2)
            }
            output += "\n" + String(repeating: " ", count: indent) + "}"
        }
    }

    /// Writes a string literal: `"` and `\` escaped, control characters as `\n`, `\r`, `\t`, `\b`, `\f` or `\u00XX`.
    ///
    /// Everything else, including `/` and every non-ASCII scalar, is written as it is, in UTF-8.
    static func writeString(_ text: String, to output: inout String) {
        output.unicodeScalars.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16, uppercase: false)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output.unicodeScalars.append("\"")
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
