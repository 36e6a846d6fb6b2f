public import CompassCore

extension Report {
    /// States what the report rests on from what a reader read: each file's records read and
    /// accepted, the rows rejected counted by rule, and whether the data passed validation.
    ///
    /// The findings counted stay those of the evaluation. The data passed validation when it
    /// was read strictly, no row was rejected and no finding is an error.
    ///
    /// - Parameters:
    ///   - result: What ``DatasetReader/prepare(from:programme:keeping:attributes:)`` read.
    ///   - strict: Whether the data was read strictly (the command line's default).
    public mutating func rest(on result: PreparedReadResult, strict: Bool) {
        var records: [DataBasis.Records] = []
        for accounting in result.accounting {
            guard let file = DatasetFile(rawValue: String(accounting.file.dropLast(4))), let source = file.source
            else { continue }
            records.append(
                DataBasis.Records(
                    source: source, file: accounting.file, read: accounting.read, accepted: accounting.accepted))
        }
        let findings = basis?.findings ?? []
        let rejected = DataBasis.RuleCount.counting(
            result.problems.filter { $0.severity == .error }, severity: \.severity, rule: \.rule)
        var basis = DataBasis(records: records, rejected: rejected, findings: findings)
        basis.validated = strict && basis.rejectedRows == 0 && !findings.contains { $0.severity == .error }
        self.basis = basis
    }
}

extension DatasetFile {
    /// The source of the file's records; `nil` for `trainings.csv` and `description.csv`, whose
    /// rows are not counted by any indicator themselves.
    public var source: Source? {
        switch self {
        case .migrants: .migrants
        case .assistance: .assistance
        case .surveys: .surveys
        case .trainingParticipants: .trainingParticipants
        case .knowledgeProducts: .knowledgeProducts
        case .disseminations: .disseminations
        case .engagements: .engagements
        case .platformVisits: .platformVisits
        case .trainings, .description: nil
        }
    }
}
