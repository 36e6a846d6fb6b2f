// The evaluator's exact arithmetic for validation rules.

/// An exact rational number, for comparing rule sides without rounding.
struct Rational: Hashable, Comparable {
    var numerator: Int
    var denominator: Int  // always positive

    init(_ numerator: Int, _ denominator: Int = 1) {
        self.numerator = denominator < 0 ? -numerator : numerator
        self.denominator = denominator < 0 ? -denominator : denominator
    }

    static func + (lhs: Rational, rhs: Rational) -> Rational {
        if lhs.denominator == rhs.denominator { return Rational(lhs.numerator + rhs.numerator, lhs.denominator) }
        return Rational(
            lhs.numerator * rhs.denominator + rhs.numerator * lhs.denominator, lhs.denominator * rhs.denominator)
    }

    static func < (lhs: Rational, rhs: Rational) -> Bool {
        lhs.numerator * rhs.denominator < rhs.numerator * lhs.denominator
    }

    static func == (lhs: Rational, rhs: Rational) -> Bool {
        lhs.numerator * rhs.denominator == rhs.numerator * lhs.denominator
    }

    func hash(into hasher: inout Hasher) {
        var a = abs(numerator)
        var b = denominator
        while b != 0 { (a, b) = (b, a % b) }
        let divisor = Swift.max(a, 1)
        hasher.combine(numerator / divisor)
        hasher.combine(denominator / divisor)
    }

    /// The value as text: an integer, or a decimal with up to two places.
    var text: String {
        if numerator % denominator == 0 { return "\(numerator / denominator)" }
        let hundredths = (numerator * 100 + (numerator >= 0 ? denominator / 2 : -denominator / 2)) / denominator
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }
}
