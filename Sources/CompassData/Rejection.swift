/// Why a value was refused: the rule broken and a message quoting the value.
struct Rejection: Error, Hashable {
    let rule: String
    let message: String
    init(_ rule: String, _ message: String) {
        self.rule = rule
        self.message = message
    }

    /// An id already seen on line `first`.
    static func duplicate(_ what: String, _ shown: String, first: Int) -> Rejection {
        Rejection("duplicate-id", "\(what) '\(shown)' already appears on line \(first); this row is rejected")
    }

    /// A migrant id that is not in migrants.csv.
    static func unregistered(_ shown: String) -> Rejection {
        Rejection(
            "unknown-migrant",
            "'\(shown)' is not in migrants.csv; the record is kept and counted with unknown sex, age and nationality")
    }
}
