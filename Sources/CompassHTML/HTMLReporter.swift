public import CompassCore

/// Renders a report as one self-contained HTML page that looks like the published fact sheet.
///
/// The page needs nothing else: the style sheet is inline, the charts are inline
/// SVG, and there is no script. It has a header with the programme and period, the
/// key facts, one section per work area with its big figures as cards, each
/// breakdown as a bar chart and a table, each crossed breakdown (such as country ×
/// sex) as a table with a total row and column, progress against a target as a
/// labelled `<meter>` beside the same figures in words, the notes, and the
/// validation findings.
///
/// It is built to be read by everyone: `<html lang>` names the language,
/// `<header>`, `<main>` and `<footer>` landmarks frame one `<h1>`, each work area is
/// a `<section>` labelled by its heading, tables have header cells with a scope,
/// every chart is an image (`role="img"`) whose `<title>` states the figures in
/// words, and every colour pair has a contrast of at least 4.5:1. In print, the
/// header loses its background and cards are not split across pages.
///
/// Every text from a catalogue or dataset goes through ``HTML/escape(_:)``, in
/// element content and attribute values alike, and element ids are generated from
/// positions, never from data. Text from data is isolated with `<bdi>` where it sits
/// beside other text, so a right-to-left title cannot reorder its neighbours.
///
/// ```swift
/// let page = try HTMLReporter(language: .french).render(report)
/// ```
public struct HTMLReporter: Reporter {
    /// The HTML format: id `html`, extension `html`, `text/html`.
    public static let format = ReportFormat(id: "html", fileExtension: "html", mediaType: "text/html; charset=utf-8")
    /// The language of the page: its `lang` attribute, labels and number formatting.
    public var language: Language

    /// Creates a reporter writing in `language`, English by default.
    public init(language: Language = .english) { self.language = language }

    public func render(_ report: Report) throws -> String {
        var page = Page(language: language)
        page.render(report)
        return page.output
    }
}

/// Escaping for HTML text and attribute values.
public enum HTML {
    /// Escapes text for HTML element content and quoted attribute values alike.
    ///
    /// `&`, `<`, `>`, `"` and `'` become `&amp;`, `&lt;`, `&gt;`, `&quot;` and
    /// `&#39;`. Control characters other than tab, line feed and carriage return,
    /// and Unicode noncharacters, which HTML forbids, become U+FFFD. Everything else,
    /// including right-to-left and combining characters, is kept as it is.
    ///
    /// ```swift
    /// HTML.escape("<script>alert('x')</script>")
    /// // "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
    /// ```
    public static func escape(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                let control = value < 0x20 || (0x7F...0x9F).contains(value)
                let nonCharacter = (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
                result.unicodeScalars.append(control || nonCharacter ? "\u{FFFD}" : scalar)
            }
        }
        return result
    }
}

/// The page being written.
private struct Page {
    let language: Language
    let style: FigureFormat
    var output = ""
    private var chartCount = 0

    init(language: Language) {
        self.language = language
        self.style = FigureFormat(language: language)
    }

    private var french: Bool { language == .french }
    private var colon: String { french ? "\u{00A0}:" : ":" }

    private func text(_ value: LocalizedText) -> String { HTML.escape(value[language]) }
    private func term(_ term: ReportTerm) -> String { HTML.escape(term(language)) }

    private mutating func line(_ text: String, _ depth: Int = 0) {
        output += String(repeating: "  ", count: depth) + text + "\n"
    }

    mutating func render(_ report: Report) {
        let programme = report.programme
        let period = HTML.escape(style.period(report.period, dates: report.dates))
        let heading = "\(HTML.escape(programme.name))\(colon) \(period) \(term(.yearInNumbers))"
        line("<!DOCTYPE html>")
        line("<html lang=\"\(HTML.escape(language.code))\">")
        line("<head>")
        line("<meta charset=\"utf-8\">", 1)
        line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", 1)
        line("<title>\(heading)</title>", 1)
        line("<style>", 1)
        output += Page.styleSheet
        if report.entries.contains(where: { $0.progress != nil || $0.crossBreakdowns.contains { !$0.cells.isEmpty } }) {
            output += Page.featureStyleSheet
        }
        line("</style>", 1)
        line("</head>")
        line("<body>")
        line("<header class=\"masthead\">")
        line("<div class=\"wrap\">", 1)
        line("<p class=\"kicker\">\(text(programme.fullName))</p>", 2)
        line("<h1>\(heading)</h1>", 2)
        line("<p class=\"dates\">\(term(.reportingPeriod))\(colon) \(HTML.escape(style.dates(report.dates)))</p>", 2)
        line("</div>", 1)
        line("</header>")
        line("<main class=\"wrap\">")
        keyFacts(report)
        for (index, section) in report.sections.enumerated() {
            workArea(section, number: index + 1)
        }
        if !report.findings.isEmpty { findings(report.findings) }
        line("</main>")
        line("<footer class=\"wrap\">")
        if let description = report.dataDescription {
            line("<p><strong>\(term(.data))\(colon)</strong> \(text(description))</p>", 1)
        }
        if let disclosure = report.disclosure {
            line(
                "<p class=\"disclosure\">\(HTML.escape(FigureFormat(language: language).disclosure(disclosure)))</p>", 1
            )
        }
        if let basis = report.basis {
            line("<p class=\"basis\">\(HTML.escape(FigureFormat(language: language).basis(basis)))</p>", 1)
        }
        line("<p>\(term(.computedWith))</p>", 1)
        line("</footer>")
        line("</body>")
        line("</html>")
    }

    private mutating func keyFacts(_ report: Report) {
        let programme = report.programme
        line("<section class=\"facts\" aria-labelledby=\"key-facts\">", 1)
        line("<h2 id=\"key-facts\">\(term(.keyFacts))</h2>", 2)
        line("<dl>", 2)
        func fact(_ name: ReportTerm, _ value: String) {
            line("<div><dt>\(term(name))</dt><dd>\(value)</dd></div>", 3)
        }
        func list(_ values: [LocalizedText], separator: String) -> String {
            values.map { "<bdi>\(text($0))</bdi>" }.joined(separator: separator)
        }
        fact(.duration, HTML.escape(style.dates(programme.period)))
        if !programme.partners.isEmpty { fact(.partners, list(programme.partners, separator: "; ")) }
        if let budget = programme.budget { fact(.budget, HTML.escape(style.money(budget))) }
        if !programme.partnerCountries.isEmpty {
            fact(.partnerCountries, list(programme.partnerCountries.map(\.name), separator: ", "))
        }
        if let site = programme.managementSite { fact(.managementSite, text(site)) }
        if !programme.workAreas.isEmpty { fact(.workAreas, list(programme.workAreas.map(\.title), separator: "; ")) }
        if !programme.platforms.isEmpty { fact(.platforms, list(programme.platforms.map(\.name), separator: "; ")) }
        line("</dl>", 2)
        line("</section>", 1)
    }

    private mutating func workArea(_ section: Report.Section, number: Int) {
        let id = "area-\(number)"
        line("<section class=\"area\" aria-labelledby=\"\(id)\">", 1)
        line("<h2 id=\"\(id)\">\(text(section.workArea.title))</h2>", 2)
        line("<div class=\"cards\">", 2)
        for (index, entry) in section.entries.enumerated() {
            card(entry, id: "\(id)-figure-\(index + 1)")
        }
        line("</div>", 2)
        line("</section>", 1)
    }

    private mutating func card(_ entry: Report.Entry, id: String) {
        let tables = entry.breakdowns.filter { !$0.cells.isEmpty }
        let crossedTables = entry.crossBreakdowns.filter { !$0.cells.isEmpty }
        let wide = !tables.isEmpty || !crossedTables.isEmpty
        line("<article class=\"card\(wide ? " wide" : "")\" aria-labelledby=\"\(id)\">", 3)
        line("<div class=\"headline\">", 4)
        line("<p class=\"figure\">\(HTML.escape(style.display(entry)))</p>", 5)
        line("<h3 id=\"\(id)\" dir=\"auto\">\(text(entry.title))</h3>", 5)
        if case .share(let fraction) = entry.value {
            let of = term(.outOf)
            let numbers = "\(style.integer(fraction.numerator)) \(of) \(style.integer(fraction.denominator))"
            line("<p class=\"fraction\">\(numbers)</p>", 5)
        }
        if let words = style.progress(entry), let progress = entry.progress {
            let meterID = "\(id)-progress"
            var meter = ""
            if let percent = progress.percent {
                let shown = HTML.escape(style.percent(percent))
                meter =
                    " <meter id=\"\(meterID)\" min=\"0\" max=\"100\" value=\"\(max(0, min(100, percent)))\">\(shown)</meter>"
            }
            let label = progress.percent == nil ? "<span>" : "<label for=\"\(meterID)\">"
            let close = progress.percent == nil ? "</span>" : "</label>"
            line("<p class=\"progress\">\(label)\(HTML.escape(words))\(close)\(meter)</p>", 5)
        }
        if let first = tables.first, first.reconciles, first.cells.allSatisfy({ $0.percent != nil }) {
            let parts = first.cells.map { cell in
                "<span>\(HTML.escape(cell.percent.map(style.percent) ?? "")) <bdi>\(text(cell.category.label))</bdi></span>"
            }
            line("<p class=\"split\">\(parts.joined(separator: " "))</p>", 5)
        }
        for note in style.notes(entry) { line("<p class=\"note\">\(HTML.escape(note))</p>", 5) }
        line("</div>", 4)
        if wide {
            line("<div class=\"details\">", 4)
            for breakdown in tables { self.breakdown(breakdown, unit: entry.unit) }
            for crossed in crossedTables { self.crossed(crossed) }
            line("</div>", 4)
        }
        line("</article>", 3)
    }

    private mutating func breakdown(_ breakdown: Breakdown, unit: Indicator.Unit) {
        chartCount += 1
        let chartID = "chart-\(chartCount)"
        let dimension = breakdown.dimension.label[language]
        let caption = "\(term(.breakdownBy)) \(HTML.escape(dimension.lowercased()))"
        line("<figure>", 5)
        line("<figcaption>\(caption)</figcaption>", 6)
        chart(breakdown, id: chartID)
        let unitName = unit.label[language]
        let unitHeader = unitName.prefix(1).uppercased() + unitName.dropFirst()
        line("<table>", 6)
        line(
            "<thead><tr><th scope=\"col\">\(HTML.escape(dimension))</th><th scope=\"col\" class=\"number\">\(HTML.escape(unitHeader))</th><th scope=\"col\" class=\"number\">\(term(.share))</th></tr></thead>",
            7)
        line("<tbody>", 7)
        for cell in breakdown.cells {
            let share = cell.percent.map(style.percent) ?? ""
            let label = "<th scope=\"row\">\(text(cell.category.label))</th>"
            let numbers =
                "<td class=\"number\">\(style.cell(cell.value, cell.protection))</td><td class=\"number\">\(HTML.escape(share))</td>"
            line("<tr>\(label)\(numbers)</tr>", 8)
        }
        line("</tbody>", 7)
        let totalShare = breakdown.reconciles && breakdown.total > 0 ? style.percent(100) : ""
        line(
            "<tfoot><tr><th scope=\"row\">\(term(.total))</th><td class=\"number\">\(style.integer(breakdown.total))</td><td class=\"number\">\(HTML.escape(totalShare))</td></tr></tfoot>",
            7)
        line("</table>", 6)
        if !breakdown.reconciles { line("<p class=\"note\">\(term(.overcount))</p>", 6) }
        line("</figure>", 5)
    }

    /// A crossed breakdown as a table: a row per first category, a column per second category, totals last.
    private mutating func crossed(_ crossed: CrossBreakdown) {
        let first = crossed.dimensions.first.label[language]
        let second = crossed.dimensions.second.label[language]
        let columns = crossed.secondCategories
        line("<div class=\"crossed\">", 5)
        line("<table>", 6)
        line(
            "<caption>\(term(.breakdownBy)) \(HTML.escape(first.lowercased())) × \(HTML.escape(second.lowercased()))</caption>",
            7)
        let heads = columns.map { "<th scope=\"col\" class=\"number\">\(text($0.label))</th>" }.joined()
        let corner = "<th scope=\"col\">\(HTML.escape(first)) × \(HTML.escape(second))</th>"
        line("<thead><tr>\(corner)\(heads)<th scope=\"col\" class=\"number\">\(term(.total))</th></tr></thead>", 7)
        line("<tbody>", 7)
        for row in crossed.firstCategories {
            let values = columns.map { column in
                "<td class=\"number\">\(style.cell(crossed[row.code, column.code]?.value ?? 0, crossed[row.code, column.code]?.protection))</td>"
            }
            let sum =
                "<td class=\"number\">\(style.cell(crossed.rowSum(row.code), crossed.rowProtection(row.code)))</td>"
            line("<tr><th scope=\"row\">\(text(row.label))</th>\(values.joined())\(sum)</tr>", 8)
        }
        line("</tbody>", 7)
        let sums = columns.map {
            "<td class=\"number\">\(style.cell(crossed.columnSum($0.code), crossed.columnProtection($0.code)))</td>"
        }
        let total = "<td class=\"number\">\(style.integer(crossed.total))</td>"
        line("<tfoot><tr><th scope=\"row\">\(term(.total))</th>\(sums.joined())\(total)</tr></tfoot>", 7)
        line("</table>", 6)
        if !crossed.reconciles { line("<p class=\"note\">\(term(.overcount))</p>", 6) }
        line("</div>", 5)
    }

    /// A horizontal bar chart of the cells' percents; its `<title>` says the same in words.
    private mutating func chart(_ breakdown: Breakdown, id: String) {
        let rowHeight = 38
        let width = 480
        let height = breakdown.cells.count * rowHeight
        let summary = breakdown.cells.map { cell in
            "\(cell.category.label[language]) \(cell.percent.map(style.percent) ?? style.cell(cell.value, cell.protection))"
        }
        let alternative = "\(breakdown.dimension.label[language])\(colon) \(summary.joined(separator: ", "))"
        line(
            "<svg class=\"chart\" role=\"img\" aria-labelledby=\"\(id)\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\">",
            6)
        line("<title id=\"\(id)\">\(HTML.escape(alternative))</title>", 7)
        for (index, cell) in breakdown.cells.enumerated() {
            let top = index * rowHeight
            let percent = max(0, min(100, cell.percent ?? 0))
            let barWidth = width * percent / 100
            let share = cell.percent.map(style.percent) ?? style.cell(cell.value, cell.protection)
            line("<text x=\"0\" y=\"\(top + 13)\" class=\"label\">\(text(cell.category.label))</text>", 7)
            line(
                "<text x=\"\(width)\" y=\"\(top + 13)\" class=\"value\" text-anchor=\"end\">\(HTML.escape(share))</text>",
                7)
            line("<rect x=\"0\" y=\"\(top + 19)\" width=\"\(width)\" height=\"12\" rx=\"2\" class=\"track\"/>", 7)
            if barWidth > 0 {
                line("<rect x=\"0\" y=\"\(top + 19)\" width=\"\(barWidth)\" height=\"12\" rx=\"2\" class=\"bar\"/>", 7)
            }
        }
        line("</svg>", 6)
    }

    private mutating func findings(_ findings: [Finding]) {
        line("<section class=\"findings\" aria-labelledby=\"findings\">", 1)
        line("<h2 id=\"findings\">\(term(.findings))</h2>", 2)
        line("<ul>", 2)
        for finding in findings {
            let severity = HTML.escape(finding.severity.rawValue)
            let rule = "<code>\(HTML.escape(finding.rule))</code>"
            line(
                "<li><span class=\"severity \(severity)\">\(severity)</span> \(rule) \(HTML.escape(finding.message))</li>",
                3)
        }
        line("</ul>", 2)
        line("</section>", 1)
    }

    /// The page's style sheet: colours with a contrast of at least 4.5:1, print rules.
    static let styleSheet = """
        :root { --ink: #1a1a1a; --muted: #4a4a4a; --brand: #0033a0; --paper: #ffffff; --card: #f2f5fa; --line: #c9d3e3; --track: #dde4f0; }
        * { box-sizing: border-box; }
        html { background: var(--paper); color: var(--ink); }
        body { margin: 0; font-family: "Segoe UI", "Helvetica Neue", Arial, "Noto Sans", sans-serif; font-size: 16px; line-height: 1.45; }
        .wrap { max-width: 1120px; margin: 0 auto; padding: 0 24px; }
        .masthead { background: var(--brand); color: #ffffff; padding: 28px 0 24px; }
        .masthead h1 { margin: 4px 0 6px; font-size: 2.4rem; line-height: 1.15; }
        .masthead .kicker { margin: 0; font-size: 0.95rem; text-transform: uppercase; letter-spacing: 0.04em; }
        .masthead .dates { margin: 0; font-size: 1.05rem; }
        h2 { font-size: 1.45rem; color: var(--brand); margin: 36px 0 14px; padding-bottom: 6px; border-bottom: 3px solid var(--brand); }
        .facts dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 10px 28px; margin: 0; }
        .facts dt { font-weight: 700; font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--muted); }
        .facts dd { margin: 2px 0 0; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 16px; }
        .card { background: var(--card); border-top: 4px solid var(--brand); border-radius: 4px; padding: 16px 20px; break-inside: avoid; page-break-inside: avoid; }
        .card.wide { grid-column: 1 / -1; display: grid; grid-template-columns: minmax(240px, 1fr) minmax(300px, 2fr); gap: 8px 32px; }
        .figure { margin: 0; font-size: 2.7rem; font-weight: 800; line-height: 1.1; color: var(--brand); font-variant-numeric: tabular-nums; }
        .card h3 { margin: 6px 0 8px; font-size: 1.05rem; font-weight: 600; }
        .fraction, .split { margin: 0 0 6px; color: var(--muted); }
        .split span { display: inline-block; margin-right: 12px; font-weight: 600; color: var(--ink); }
        .note { margin: 8px 0 0; font-size: 0.9rem; font-style: italic; color: var(--muted); }
        figure { margin: 0 0 12px; }
        figcaption { font-weight: 700; font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--muted); margin-bottom: 6px; }
        svg.chart { display: block; width: 100%; max-width: 480px; height: auto; margin: 2px 0 10px; }
        svg.chart text { font-family: inherit; font-size: 13px; fill: var(--ink); }
        svg.chart .value { font-weight: 700; }
        svg.chart .track { fill: var(--track); }
        svg.chart .bar { fill: var(--brand); }
        table { border-collapse: collapse; width: 100%; max-width: 480px; font-size: 0.95rem; }
        th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; }
        thead th { border-bottom: 2px solid var(--brand); font-size: 0.85rem; }
        tbody th { font-weight: 400; }
        tfoot th, tfoot td { font-weight: 700; border-bottom: none; }
        .number { text-align: right; font-variant-numeric: tabular-nums; }
        .findings ul { padding-left: 20px; }
        .severity { display: inline-block; min-width: 64px; font-weight: 700; text-transform: uppercase; font-size: 0.8rem; }
        .severity.error { color: #a10000; }
        .severity.warning { color: #7a4b00; }
        code { font-family: "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; }
        footer { margin-top: 40px; padding-top: 14px; padding-bottom: 28px; border-top: 1px solid var(--line); color: var(--muted); font-size: 0.9rem; }
        @media (max-width: 720px) { .card.wide { grid-template-columns: 1fr; } .masthead h1 { font-size: 1.8rem; } }
        @media print {
          @page { margin: 14mm; }
          body { font-size: 10.5pt; }
          .masthead { background: none; color: var(--ink); padding: 0 0 8px; border-bottom: 3px solid var(--brand); }
          .wrap { max-width: none; padding: 0; }
          .card { background: none; border: 1px solid var(--line); border-top: 4px solid var(--brand); }
          h2 { break-after: avoid; page-break-after: avoid; }
        }

        """

    /// Rules added only to pages that have crossed breakdowns or targets, so other pages keep their bytes.
    static let featureStyleSheet = """
        .crossed { margin: 0 0 12px; }
        caption { text-align: left; font-weight: 700; font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--muted); margin-bottom: 6px; }
        .progress { margin: 0 0 6px; color: var(--muted); }
        .progress meter { display: block; width: 100%; max-width: 240px; height: 14px; margin-top: 4px; }

        """
}
