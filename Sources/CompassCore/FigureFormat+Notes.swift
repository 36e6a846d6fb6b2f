extension FigureFormat {
    /// The notes shown under a figure, in this format's language: the catalogue's note, if the
    /// indicator has one, then the sentence that states its overlap, if it has parts.
    ///
    /// The engine returns the overlap as numbers (``Report/Entry/overlap``); every reporter
    /// shows these sentences, escaped as its format needs, so that the formats say the same.
    public func notes(_ entry: Report.Entry) -> [String] {
        entry.notes.map { $0[language] } + (entry.overlap.map { [overlap($0)] } ?? [])
    }

    /// The sentence that states an overlap, as reports show it under the figure.
    ///
    /// For COMPASS in 2022: "The 4 services add up to 41,652 people; 41,562 distinct
    /// people were counted, as 90 received more than one and are counted once."
    public func overlap(_ overlap: Overlap) -> String {
        let parts = overlap.parts.count
        let several = overlap.peopleInSeveralParts
        if language == .french {
            let counted =
                several == 1
                ? "une personne en a reçu plus d'un et est comptée"
                : "\(integer(several)) personnes en ont reçu plus d'un et sont comptées"
            return
                "Les \(parts) services totalisent \(integer(overlap.sumOfParts)) personnes ; \(integer(overlap.distinct)) personnes distinctes ont été comptées, car \(counted) une seule fois."
        }
        return
            "The \(parts) services add up to \(integer(overlap.sumOfParts)) people; \(integer(overlap.distinct)) distinct people were counted, as \(integer(several)) received more than one and \(several == 1 ? "is" : "are") counted once."
    }
}

extension FigureFormat {
    /// What the figures rest on, in one or two sentences of this format's language, for the
    /// reader of the fact sheet.
    ///
    /// "Computed from all 47,962 migrants and 88,413 services recorded. The data passed
    /// validation." With rows rejected or findings: "Computed from 1,996 of 2,000 migrants and
    /// 4,985 of 4,985 services; 4 rows rejected (invalid-code 4); 3 findings (impossible-value 3)."
    public func basis(_ basis: DataBasis) -> String {
        let french = language == .french
        let migrants = basis[.migrants] ?? DataBasis.Records(source: .migrants, read: 0)
        let services = basis[.assistance] ?? DataBasis.Records(source: .assistance, read: 0)
        var text: String
        if basis.rejectedRows == 0 {
            text =
                french
                ? "Calculé à partir des \(integer(migrants.accepted)) migrants et \(integer(services.accepted)) services enregistrés"
                : "Computed from all \(integer(migrants.accepted)) migrants and \(integer(services.accepted)) services recorded"
        } else {
            text =
                french
                ? "Calculé à partir de \(integer(migrants.accepted)) migrants sur \(integer(migrants.read)) et de \(integer(services.accepted)) services sur \(integer(services.read))"
                : "Computed from \(integer(migrants.accepted)) of \(integer(migrants.read)) migrants and \(integer(services.accepted)) of \(integer(services.read)) services"
            let rows = basis.rejectedRows
            let word =
                french
                ? (rows == 1 ? "ligne rejetée" : "lignes rejetées") : (rows == 1 ? "row rejected" : "rows rejected")
            text += "\(french ? " ;" : ";") \(integer(rows)) \(word)" + rules(basis.rejected)
        }
        let findings = basis.findings.reduce(0) { $0 + $1.count }
        if findings > 0 {
            let word = french ? (findings == 1 ? "constat" : "constats") : (findings == 1 ? "finding" : "findings")
            text += "\(french ? " ;" : ";") \(integer(findings)) \(word)" + rules(basis.findings)
        }
        text += "."
        if basis.validated { text += french ? " Les données ont passé la validation." : " The data passed validation." }
        return text
    }

    /// ` (rule count, rule count)`, or nothing for no rules.
    private func rules(_ counts: [DataBasis.RuleCount]) -> String {
        counts.isEmpty ? "" : " (" + counts.map { "\($0.rule) \(integer($0.count))" }.joined(separator: ", ") + ")"
    }
}
