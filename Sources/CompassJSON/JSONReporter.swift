public import CompassCore

/// Renders a report as a versioned JSON document, described by `Documentation/report.schema.json`.
///
/// The document holds the programme, the period, one item per indicator in the
/// order of the fact sheet, and the findings. Each indicator carries its `value`
/// as a number (a count, or a share's whole percent), its `display` text as the
/// fact sheet shows it, its `unit`, its breakdowns both as a simple
/// `{dimension: {category: value}}` map and as ordered tables with labels and
/// percents, and for a share its `numerator` and `denominator`. An indicator with
/// crossed breakdowns, parts or a target also carries `cross_breakdowns`, `overlap`
/// or `progress`; these members are left out when the indicator has none, so
/// reports without them are written exactly as before.
///
/// The text is deterministic: keys sorted by code point, two-space indentation,
/// slashes and non-ASCII text written as they are, control characters escaped,
/// integers written as integers. The same report always gives the same bytes —
/// exactly those of Python's `json.dumps(document, sort_keys=True, indent=2,
/// ensure_ascii=False)`.
///
/// ```swift
/// let json = try JSONReporter(language: .french).render(report)
/// ```
public struct JSONReporter: Reporter {
    /// The JSON format: id `json`, extension `json`, `application/json`.
    public static let format = ReportFormat(id: "json", fileExtension: "json", mediaType: "application/json")

    /// The version of the document's shape, written as `schema_version`.
    ///
    /// It changes only when a member is removed, renamed or changes meaning;
    /// members may be added within a version.
    public static let schemaVersion = 1
    /// The language of titles, labels and displayed figures.
    public var language: Language

    /// Creates a reporter writing in `language`, English by default.
    public init(language: Language = .english) { self.language = language }

    public func render(_ report: Report) throws -> String { document(report).serialized() }

    /// The report as a JSON value, before it is written as text.
    public func document(_ report: Report) -> JSONValue {
        let style = FigureFormat(language: language)
        let programme = report.programme
        let budget: JSONValue =
            programme.budget.map { money in
                [
                    "minor_units": .int(Int(money.minorUnits)), "currency": .string(money.currency),
                    "minor_units_per_major": .int(Int(money.minorUnitsPerMajor)),
                    "display": .string(style.money(money)),
                ]
            } ?? .null
        let programmeValue: JSONValue = [
            "name": .string(programme.name),
            "full_name": text(programme.fullName),
            "partners": .array(programme.partners.map(text)),
            "period": range(programme.period),
            "budget": budget,
            "partner_countries": .array(
                programme.partnerCountries.map { ["code": .string($0.code), "name": text($0.name)] }),
            "management_site": programme.managementSite.map(text) ?? .null,
            "work_areas": .array(programme.workAreas.map { ["id": .string($0.id), "title": text($0.title)] }),
            "platforms": .array(programme.platforms.map { ["id": .string($0.id), "name": text($0.name)] }),
        ]
        let period: JSONValue = [
            "id": .string(report.period.description),
            "label": .string(style.period(report.period, dates: report.dates)),
            "start": .string(report.dates.start.description),
            "end": .string(report.dates.end.description),
        ]
        var indicators: [JSONValue] = []
        for section in report.sections {
            for entry in section.entries {
                indicators.append(indicator(entry, in: section.workArea, style: style))
            }
        }
        let findings: [JSONValue] = report.findings.map { finding in
            [
                "severity": .string(finding.severity.rawValue),
                "rule": .string(finding.rule),
                "message": .string(finding.message),
                "indicator": finding.indicator.map { .string($0.rawValue) } ?? .null,
                "record": .null,
            ]
        }
        return [
            "schema_version": .int(Self.schemaVersion),
            "language": .string(language.code),
            "programme": programmeValue,
            "period": period,
            "data_description": report.dataDescription.map(text) ?? .null,
            "indicators": .array(indicators),
            "findings": .array(findings),
            "disclosure": report.disclosure.map(disclosure) ?? .null,
            "basis": report.basis.map { basis($0, style: style) } ?? .null,
        ]
    }

    private func text(_ value: LocalizedText) -> JSONValue { .string(value[language]) }

    private func basis(_ basis: DataBasis, style: FigureFormat) -> JSONValue {
        func counts(_ counts: [DataBasis.RuleCount]) -> JSONValue {
            .array(
                counts.map {
                    ["severity": .string($0.severity.rawValue), "rule": .string($0.rule), "count": .int($0.count)]
                })
        }
        return [
            "records": .array(
                basis.records.map { records in
                    [
                        "source": .string(records.source.rawValue), "file": records.file.map(JSONValue.string) ?? .null,
                        "read": .int(records.read), "accepted": .int(records.accepted),
                        "rejected": .int(records.rejected),
                    ]
                }),
            "rejected": counts(basis.rejected),
            "findings": counts(basis.findings),
            "validated": .bool(basis.validated),
            "statement": .string(style.basis(basis)),
        ]
    }

    private func disclosure(_ summary: DisclosureSummary) -> JSONValue {
        var method = "off"
        var threshold: JSONValue = .null
        var base: JSONValue = .null
        switch summary.control {
        case .suppression(let k):
            method = "suppression"
            threshold = .int(k)
        case .rounding(let value):
            method = "rounding"
            base = .int(value)
        case .off: break
        }
        return [
            "method": .string(method),
            "k": threshold,
            "base": base,
            "protected_cells": .int(summary.protectedCells),
            "primary": .int(summary.primary),
            "secondary": .int(summary.secondary),
            "rounded": .int(summary.rounded),
            "withheld_breakdowns": .int(summary.withheld),
            "redacted_findings": .int(summary.redactedFindings),
            "note": .string(FigureFormat(language: language).disclosure(summary)),
        ]
    }

    /// A cell's value for JSON: `null` when it is suppressed.
    private func number(_ value: Int, _ protection: CellProtection?) -> JSONValue {
        protection?.isSuppressed ?? false ? .null : .int(value)
    }

    private func range(_ range: DateRange) -> JSONValue {
        ["start": .string(range.start.description), "end": .string(range.end.description)]
    }

    private func indicator(_ entry: Report.Entry, in area: WorkArea, style: FigureFormat) -> JSONValue {
        var members: [String: JSONValue] = [
            "id": .string(entry.id.rawValue),
            "title": text(entry.title),
            "work_area": ["id": .string(area.id), "title": text(area.title)],
            "unit": .string(entry.unit.rawValue),
            "value": entry.value.number.map(JSONValue.int) ?? .null,
            "display": .string(style.display(entry)),
            "notes": .array(style.notes(entry).map(JSONValue.string)),
        ]
        switch entry.presentation {
        case .exact:
            members["presentation"] = "exact"
        case .lowerBound(let step):
            members["presentation"] = "lower_bound"
            members["lower_bound_step"] = .int(step)
            if case .count(let count) = entry.value, let bound = entry.presentation.bound(for: count) {
                members["lower_bound"] = .int(bound)
            }
        }
        if case .share(let fraction) = entry.value {
            members["numerator"] = .int(fraction.numerator)
            members["denominator"] = .int(fraction.denominator)
        }
        var breakdowns: [String: JSONValue] = [:]
        var tables: [JSONValue] = []
        for breakdown in entry.breakdowns {
            var cells: [String: JSONValue] = [:]
            for cell in breakdown.cells { cells[cell.category.code] = number(cell.value, cell.protection) }
            breakdowns[breakdown.dimension.rawValue] = .object(cells)
            tables.append([
                "dimension": .string(breakdown.dimension.rawValue),
                "label": text(breakdown.dimension.label),
                "total": .int(breakdown.total),
                "reconciles": .bool(breakdown.reconciles),
                "cells": .array(
                    breakdown.cells.map { cell in
                        [
                            "code": .string(cell.category.code),
                            "label": text(cell.category.label),
                            "value": number(cell.value, cell.protection),
                            "display": .string(style.cell(cell.value, cell.protection)),
                            "percent": cell.percent.map(JSONValue.int) ?? .null,
                            "numerator": number(cell.fraction.numerator, cell.protection),
                            "denominator": number(cell.fraction.denominator, cell.protection),
                            "protection": cell.protection.map { .string($0.code) } ?? .null,
                        ]
                    }),
            ])
        }
        members["breakdowns"] = .object(breakdowns)
        members["breakdown_tables"] = .array(tables)
        if !entry.crossBreakdowns.isEmpty {
            members["cross_breakdowns"] = .array(entry.crossBreakdowns.map { crossed($0, style: style) })
        }
        if let overlap = entry.overlap {
            members["overlap"] = [
                "parts": .array(
                    zip(overlap.parts, overlap.partValues).map { id, value in
                        ["id": .string(id.rawValue), "value": .int(value)]
                    }),
                "sum_of_parts": .int(overlap.sumOfParts),
                "distinct": .int(overlap.distinct),
                "double_counted": .int(overlap.doubleCounted),
                "people_in_several_parts": .int(overlap.peopleInSeveralParts),
            ]
        }
        if let progress = entry.progress {
            members["progress"] = [
                "target": .int(progress.target),
                "baseline": progress.baseline.map(JSONValue.int) ?? .null,
                "numerator": .int(progress.achieved.numerator),
                "denominator": .int(progress.achieved.denominator),
                "percent": progress.percent.map(JSONValue.int) ?? .null,
                "display": style.progress(entry).map(JSONValue.string) ?? .null,
            ]
        }
        return .object(members)
    }

    private func crossed(_ crossed: CrossBreakdown, style: FigureFormat) -> JSONValue {
        var values: [String: JSONValue] = [:]
        for row in crossed.firstCategories {
            var columns: [String: JSONValue] = [:]
            for cell in crossed.cells where cell.first.code == row.code {
                columns[cell.second.code] = number(cell.value, cell.protection)
            }
            values[row.code] = .object(columns)
        }
        func category(_ category: Category) -> JSONValue {
            ["code": .string(category.code), "label": text(category.label)]
        }
        var members: [String: JSONValue] = [
            "dimensions": [.string(crossed.dimensions.first.rawValue), .string(crossed.dimensions.second.rawValue)],
            "labels": [text(crossed.dimensions.first.label), text(crossed.dimensions.second.label)],
            "total": .int(crossed.total),
            "cell_sum": .int(crossed.cellSum),
            "reconciles": .bool(crossed.reconciles),
            "categories_overlap": .bool(crossed.categoriesOverlap),
            "values": .object(values),
            "rows": .array(crossed.firstCategories.map(category)),
            "columns": .array(crossed.secondCategories.map(category)),
            "cells": .array(
                crossed.cells.map { cell in
                    [
                        "first": .string(cell.first.code),
                        "second": .string(cell.second.code),
                        "value": number(cell.value, cell.protection),
                        "display": .string(style.cell(cell.value, cell.protection)),
                        "percent": cell.percent.map(JSONValue.int) ?? .null,
                        "numerator": number(cell.fraction.numerator, cell.protection),
                        "denominator": number(cell.fraction.denominator, cell.protection),
                        "protection": cell.protection.map { .string($0.code) } ?? .null,
                    ]
                }),
        ]
        if crossed.publishedTotals != nil {
            var rows: [String: JSONValue] = [:]
            for row in crossed.firstCategories {
                rows[row.code] = number(crossed.rowSum(row.code), crossed.rowProtection(row.code))
            }
            var columns: [String: JSONValue] = [:]
            for column in crossed.secondCategories {
                columns[column.code] = number(crossed.columnSum(column.code), crossed.columnProtection(column.code))
            }
            members["row_totals"] = .object(rows)
            members["column_totals"] = .object(columns)
        }
        return .object(members)
    }
}
