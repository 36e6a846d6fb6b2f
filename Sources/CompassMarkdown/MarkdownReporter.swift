public import CompassCore

/// Renders a report as a GitHub-flavoured Markdown fact sheet.
///
/// The page has the programme's key facts, then one section per work area; each
/// figure is a heading, followed by its breakdowns as GFM tables (with a total row)
/// and its notes; validation findings close the page. Text from catalogues and data
/// is escaped, so a title holding `|`, `*`, `<` or a line break cannot change the
/// page's structure.
///
/// ```swift
/// let markdown = try MarkdownReporter(language: .french).render(report)
/// ```
public struct MarkdownReporter: Reporter {
    /// The Markdown format: id `markdown`, extension `md`, `text/markdown`.
    public static let format = ReportFormat(
        id: "markdown", fileExtension: "md", mediaType: "text/markdown; charset=utf-8")
    /// The language of labels and number formatting.
    public var language: Language

    /// Creates a reporter writing in `language`, English by default.
    public init(language: Language = .english) { self.language = language }

    public func render(_ report: Report) throws -> String {
        let style = FigureFormat(language: language)
        let lang = language
        var lines: [String] = []
        func text(_ value: LocalizedText) -> String { Markdown.escape(value[lang]) }
        let colon = lang == .french ? "\u{00A0}:" : ":"

        let period = style.period(report.period, dates: report.dates)
        lines.append(
            "# \(Markdown.escape(report.programme.name))\(colon) \(Markdown.escape(period)) \(ReportTerm.yearInNumbers(lang))"
        )
        lines.append("")
        lines.append("*\(text(report.programme.fullName))*")
        lines.append("")
        if let description = report.dataDescription {
            lines.append("> **\(ReportTerm.data(lang))\(colon)** \(text(description))")
            lines.append("")
        }

        lines.append("## \(ReportTerm.keyFacts(lang))")
        lines.append("")
        let programme = report.programme
        func fact(_ term: ReportTerm, _ value: String) { lines.append("- **\(term(lang))\(colon)** \(value)") }
        fact(.duration, Markdown.escape(style.dates(programme.period)))
        fact(.reportingPeriod, Markdown.escape(style.dates(report.dates)))
        if !programme.partners.isEmpty { fact(.partners, programme.partners.map(text).joined(separator: "; ")) }
        if let budget = programme.budget { fact(.budget, Markdown.escape(style.money(budget))) }
        if !programme.partnerCountries.isEmpty {
            fact(.partnerCountries, programme.partnerCountries.map { text($0.name) }.joined(separator: ", "))
        }
        if let site = programme.managementSite { fact(.managementSite, text(site)) }
        if !programme.workAreas.isEmpty {
            fact(.workAreas, programme.workAreas.map { text($0.title) }.joined(separator: "; "))
        }
        if !programme.platforms.isEmpty {
            fact(.platforms, programme.platforms.map { text($0.name) }.joined(separator: "; "))
        }
        lines.append("")

        for section in report.sections {
            lines.append("## \(text(section.workArea.title))")
            lines.append("")
            for entry in section.entries {
                lines.append("### \(Markdown.escape(style.display(entry))) — \(text(entry.title))")
                lines.append("")
                if case .share(let fraction) = entry.value {
                    lines.append(
                        "\(style.integer(fraction.numerator)) \(ReportTerm.outOf(lang)) \(style.integer(fraction.denominator))"
                    )
                    lines.append("")
                }
                if let progress = style.progress(entry) {
                    lines.append(Markdown.escape(progress))
                    lines.append("")
                }
                for breakdown in entry.breakdowns where !breakdown.cells.isEmpty {
                    lines += table(breakdown, unit: entry.unit, style: style)
                    lines.append("")
                    if !breakdown.reconciles {
                        lines.append(ReportTerm.overcount(lang))
                        lines.append("")
                    }
                }
                for crossed in entry.crossBreakdowns where !crossed.cells.isEmpty {
                    lines += table(crossed, style: style)
                    lines.append("")
                    if !crossed.reconciles {
                        lines.append(ReportTerm.overcount(lang))
                        lines.append("")
                    }
                }
                for note in style.notes(entry) {
                    lines.append("*\(Markdown.escape(note))*")
                    lines.append("")
                }
            }
        }

        if let disclosure = report.disclosure {
            lines.append("> \(Markdown.escape(style.disclosure(disclosure)))")
            lines.append("")
        }
        if let basis = report.basis {
            lines.append("> \(Markdown.escape(style.basis(basis)))")
            lines.append("")
        }

        if !report.findings.isEmpty {
            lines.append("## \(ReportTerm.findings(lang))")
            lines.append("")
            for finding in report.findings {
                lines.append(
                    "- **\(finding.severity.rawValue)** `\(finding.rule)`: \(Markdown.escape(finding.message))")
            }
            lines.append("")
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    private func table(_ breakdown: Breakdown, unit: Indicator.Unit, style: FigureFormat) -> [String] {
        let lang = language
        let unitName = unit.label[lang]
        let header = unitName.prefix(1).uppercased() + unitName.dropFirst()
        var rows = [
            "| \(Markdown.escape(breakdown.dimension.label[lang])) | \(Markdown.escape(header)) | \(ReportTerm.share(lang)) |",
            "| :-- | --: | --: |",
        ]
        for cell in breakdown.cells {
            let share = cell.percent.map(style.percent) ?? ""
            rows.append(
                "| \(Markdown.escape(cell.category.label[lang])) | \(style.cell(cell.value, cell.protection)) | \(share) |"
            )
        }
        let totalShare = breakdown.reconciles && breakdown.total > 0 ? style.percent(100) : ""
        rows.append(
            "| **\(ReportTerm.total(lang))** | **\(style.integer(breakdown.total))** | \(totalShare.isEmpty ? "" : "**\(totalShare)**") |"
        )
        return rows
    }
}

extension MarkdownReporter {
    /// A crossed breakdown as one table: a row per first category, a column per second category, totals last.
    ///
    /// The header's first cell names both dimensions (`Country × Sex`); each row and
    /// column ends with the sum of its cells, and the bottom-right cell is the
    /// indicator's total, which the cells may exceed when they do not reconcile.
    private func table(_ crossed: CrossBreakdown, style: FigureFormat) -> [String] {
        let lang = language
        let columns = crossed.secondCategories
        let corner = "\(crossed.dimensions.first.label[lang]) × \(crossed.dimensions.second.label[lang])"
        let heads = columns.map { Markdown.escape($0.label[lang]) } + [ReportTerm.total(lang)]
        var rows = [
            "| \(Markdown.escape(corner)) | \(heads.joined(separator: " | ")) |",
            "| :-- |" + String(repeating: " --: |", count: columns.count + 1),
        ]
        for row in crossed.firstCategories {
            let values = columns.map { column in
                let cell = crossed[row.code, column.code]
                return style.cell(cell?.value ?? 0, cell?.protection)
            }
            let sum = style.cell(crossed.rowSum(row.code), crossed.rowProtection(row.code))
            rows.append("| \(Markdown.escape(row.label[lang])) | \((values + [sum]).joined(separator: " | ")) |")
        }
        let sums = columns.map { "**\(style.cell(crossed.columnSum($0.code), crossed.columnProtection($0.code)))**" }
        let total = "**\(style.integer(crossed.total))**"
        rows.append("| **\(ReportTerm.total(lang))** | \((sums + [total]).joined(separator: " | ")) |")
        return rows
    }
}

/// Escaping for GitHub-flavoured Markdown.
public enum Markdown {
    /// Escapes text so it renders literally inside a paragraph, heading, list item or table cell.
    ///
    /// Every character that can start inline markup is backslash-escaped (`\ ` * _ [ ] < > | ~ # & !`
    /// and `$`), a line break becomes a space so the text stays on its line, a
    /// leading `-`, `+`, `=` or ordered-list number is escaped so it cannot start a
    /// block, and other control characters are dropped.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        let special: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "#", "&", "!", "$"]
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" {
                result.unicodeScalars.append(" ")
            } else if scalar.value < 0x20 || scalar.value == 0x7F {
                continue
            } else {
                if special.contains(scalar) { result.unicodeScalars.append("\\") }
                result.unicodeScalars.append(scalar)
            }
        }
        // A leading block marker would turn the text into a list, a heading underline or a numbered item.
        if let first = result.unicodeScalars.first, first == "-" || first == "+" || first == "=" {
            result = "\\" + result
        }
        let digits = result.unicodeScalars.prefix { ("0"..."9").contains($0) }
        if !digits.isEmpty, digits.count <= 9 {
            let rest = result.unicodeScalars.dropFirst(digits.count)
            if let marker = rest.first, marker == "." || marker == ")" {
                result = String(String.UnicodeScalarView(digits)) + "\\" + String(String.UnicodeScalarView(rest))
            }
        }
        return result
    }
}
