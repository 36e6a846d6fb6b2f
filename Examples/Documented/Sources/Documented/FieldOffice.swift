import Compass

// Documentation/TestingIndicators.md: the field office's indicator.

extension Indicator {
    /// Girls (0–17) who received any assistance, each counted once, by country.
    public static let girlsAssisted = Indicator(
        id: "girls-assisted",
        title: ["en": "Girls assisted", "fr": "Filles assistées"],
        workArea: "protection",
        measure: .distinctPeople(.assistance),
        filter: .sex(.female) && .ageGroups(.child),
        breakdowns: [.country])
}

extension Catalogue {
    /// The field office's catalogue, which the page checks with `checkCatalogue`.
    public static let fieldOffice = Catalogue(programme: .compass, indicators: [.girlsAssisted])
}
