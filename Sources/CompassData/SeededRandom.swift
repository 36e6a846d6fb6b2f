public import CompassCore
import CompassEngine

/// A seeded pseudo-random generator (SplitMix64): the same seed gives the same sequence on every machine.
///
/// Bounded values are drawn with this type's own methods, not the standard
/// library's `random(in:using:)`, whose algorithm is not promised to stay the same
/// across Swift releases; so a sample written today is the same bytes tomorrow.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound`, by Lemire's multiply-and-shift (bias below 2⁻³²  for bounds under 2³²).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "the bound must be positive")
        return Int(((next() >> 32) &* UInt64(bound)) >> 32)
    }

    /// A value in a closed range.
    public mutating func within(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// `true` with probability `numerator / denominator`.
    public mutating func chance(_ numerator: Int, in denominator: Int) -> Bool { below(denominator) < numerator }

    /// An element of a non-empty array.
    public mutating func pick<T>(_ elements: [T]) -> T { elements[below(elements.count)] }

    /// An index drawn in proportion to non-negative integer weights, not all zero.
    public mutating func weighted(_ weights: [Int]) -> Int {
        var draw = below(weights.reduce(0, +))
        for (index, weight) in weights.enumerated() {
            if draw < weight { return index }
            draw -= weight
        }
        return weights.count - 1
    }

    /// Shuffles an array in place (Fisher–Yates).
    public mutating func shuffle<T>(_ elements: inout [T]) {
        guard elements.count > 1 else { return }
        for index in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(index, below(index + 1))
        }
    }

    /// A day drawn uniformly from a range of days.
    public mutating func day(in range: DateRange) -> CalendarDate {
        let first = range.start.dayNumber
        return CalendarDate(dayNumber: first + below(range.end.dayNumber - first + 1)) ?? range.start
    }
}

extension SeededRandom {
    /// Draws a synthetic person's birth year, nationality and vulnerabilities, in a fixed order.
    ///
    /// Shared by the calibrated sample and `SyntheticData`: a fifth children, a few older
    /// people, 3 % with no birth year, 2 % with no nationality.
    mutating func personAttributes(
        sex: Sex, childrenBornFrom children: ClosedRange<Int>, olderBornFrom older: ClosedRange<Int>,
        nationalities: [(CountryCode, Int)], nationalityWeights: [Int]
    ) -> (birthYear: Int?, nationality: CountryCode?, vulnerabilities: Set<Vulnerability>) {
        let birthYear: Int?
        switch below(100) {
        case 0..<3: birthYear = nil
        case 3..<23: birthYear = within(children)
        case 23..<95: birthYear = within(1963...2004)
        default: birthYear = within(older)
        }
        let nationality: CountryCode? = chance(2, in: 100) ? nil : nationalities[weighted(nationalityWeights)].0
        var vulnerabilities: Set<Vulnerability> = []
        if let birthYear, birthYear > 2004, chance(30, in: 100) {
            vulnerabilities.insert(.unaccompaniedOrSeparatedChild)
        }
        if chance(8, in: 100) { vulnerabilities.insert(.victimOfTrafficking) }
        if chance(12, in: 100) { vulnerabilities.insert(.health) }
        if sex == .female, chance(10, in: 100) { vulnerabilities.insert(.genderBasedViolence) }
        if chance(3, in: 100) { vulnerabilities.insert(.disability) }
        if chance(5, in: 100) { vulnerabilities.insert(.other) }
        return (birthYear, nationality, vulnerabilities)
    }
}
