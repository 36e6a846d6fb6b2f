public import CompassCore

extension Code {
    /// The position of this value in the canonical order of `allCases`.
    ///
    /// The code lists are enums without payloads, whose `allCases` is synthesized in
    /// declaration order; Swift stores such an enum of up to 256 cases as its declaration
    /// index in one byte, so the position is read from that byte instead of searching
    /// `allCases` (which builds an array) for every record. A test checks every value of
    /// every code list against `allCases`; any other layout takes the search.
    @inlinable package var ordinal: Int {
        if MemoryLayout<Self>.size == 1 { return withUnsafeBytes(of: self) { Int($0[0]) } }
        return Self.allCases.firstIndex(of: self) ?? 0
    }
}
