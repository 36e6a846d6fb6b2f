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
