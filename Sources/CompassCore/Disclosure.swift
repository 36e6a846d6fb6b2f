/// Statistical disclosure control: how a report's breakdown cells are protected before publication.
///
/// The people counted in a COMPASS report are migrants, victims of trafficking and
/// unaccompanied children; a cell such as "2 women from one country" can identify
/// someone. ``protect(_:)`` suppresses every breakdown cell below a threshold *k*
/// (primary suppression) and as many further cells as needed so that no suppressed
/// cell can be worked out from the totals and the other published cells of the same
/// indicator (secondary suppression), or rounds every cell down to a multiple of a base.
/// Totals stay exact. `Documentation/Privacy.md` explains the guarantees and their limits.
///
/// ```swift
/// let report = try Engine().report(.compass, on: dataset, period: .year(2022), disclosure: .k5)
/// ```
public enum DisclosureControl: Hashable, Sendable, CustomStringConvertible {
    /// Suppresses cells of 1 to `k − 1`, then the cells needed to protect them.
    case suppression(k: Int)
    /// Rounds every cell down to a multiple of `base`.
    case rounding(base: Int)
    /// Publishes every cell as counted: for analysis, never for publication.
    case off

    /// Suppression of cells below 5, a common threshold in official statistics.
    public static let k5 = DisclosureControl.suppression(k: 5)
    /// Suppression of cells below 10.
    public static let k10 = DisclosureControl.suppression(k: 10)
    /// Suppression of cells below 11, the threshold of the Global Data Hub on Human Trafficking (CTDC).
    public static let k11 = DisclosureControl.suppression(k: 11)
    /// The default for published reports: ``k11``, as the people counted include victims of trafficking.
    public static let standard = k11

    /// Reads the command-line form: `k=5`, `k=10`, `k=11`, `round=10` or `off`.
    ///
    /// Any `k=` from 2 to 1,000 and any `round=` from 2 to 1,000 is accepted.
    ///
    /// - Parameter argument: The text after `--disclosure`.
    /// - Returns: The control, or `nil` when the text is not one of these forms.
    public init?(argument: String) {
        if argument == "off" {
            self = .off
            return
        }
        let parts = argument.split(separator: "=", omittingEmptySubsequences: false)
        guard parts.count == 2, let number = Int(parts[1]), (2...1_000).contains(number),
            parts[1].allSatisfy({ ("0"..."9").contains($0) })
        else { return nil }
        switch parts[0] {
        case "k": self = .suppression(k: number)
        case "round": self = .rounding(base: number)
        default: return nil
        }
    }

    /// The command-line form: `k=11`, `round=10` or `off`.
    public var description: String {
        switch self {
        case .suppression(let k): "k=\(k)"
        case .rounding(let base): "round=\(base)"
        case .off: "off"
        }
    }
}

/// How disclosure control changed one cell.
public enum CellProtection: Hashable, Sendable {
    /// The cell is not published; its value in the report is 0 and its percent `nil`.
    case suppressed(Suppression)
    /// The cell's value was rounded down to a multiple of `base`.
    case rounded(base: Int)

    /// Why a cell was suppressed.
    public enum Suppression: String, Hashable, Sendable {
        /// It counts fewer than *k*.
        case primary
        /// It could otherwise be used to work out a primary cell.
        case secondary
    }

    /// Whether the cell is suppressed.
    public var isSuppressed: Bool {
        if case .suppressed = self { return true }
        return false
    }

    /// The marker every reporter shows in place of a suppressed value: an en dash, `–`.
    public static let marker = "\u{2013}"
}

/// The row and column totals a protected crossed table publishes.
public struct CrossTotals: Hashable, Sendable {
    /// The published row totals, by first-category code; a suppressed row is absent.
    public var rows: [String: Int]
    /// The published column totals, by second-category code; a suppressed column is absent.
    public var columns: [String: Int]
    /// How the row totals were protected, by first-category code.
    public var rowProtection: [String: CellProtection]
    /// How the column totals were protected, by second-category code.
    public var columnProtection: [String: CellProtection]

    /// Creates the totals.
    public init(
        rows: [String: Int], columns: [String: Int], rowProtection: [String: CellProtection] = [:],
        columnProtection: [String: CellProtection] = [:]
    ) {
        self.rows = rows
        self.columns = columns
        self.rowProtection = rowProtection
        self.columnProtection = columnProtection
    }
}

/// What disclosure control did to a report: the method and how many cells it protected.
public struct DisclosureSummary: Hashable, Sendable {
    /// The method applied.
    public var control: DisclosureControl
    /// Cells (including crossed-table totals) suppressed because they count fewer than *k*.
    public var primary: Int
    /// Cells suppressed so that no primary cell can be worked out.
    public var secondary: Int
    /// Cells whose value rounding changed.
    public var rounded: Int
    /// Breakdowns left out whole because suppression alone could not protect them.
    public var withheld: Int
    /// Data findings about individual records replaced by counts, so that no record is named.
    public var redactedFindings: Int

    /// Creates a summary.
    public init(
        control: DisclosureControl, primary: Int = 0, secondary: Int = 0, rounded: Int = 0, withheld: Int = 0,
        redactedFindings: Int = 0
    ) {
        self.control = control
        self.primary = primary
        self.secondary = secondary
        self.rounded = rounded
        self.withheld = withheld
        self.redactedFindings = redactedFindings
    }

    /// The number of cells protected: suppressed or changed by rounding.
    public var protectedCells: Int { primary + secondary + rounded }
}

extension FigureFormat {
    /// What disclosure control did, in words of this format's language, as every reporter shows it.
    ///
    /// For the COMPASS 2022 fact sheet: "Disclosure control (k=11): cells counting 1 to
    /// 10 are suppressed (–), with the cells needed to protect them; totals are exact.
    /// 0 cells protected."
    public func disclosure(_ summary: DisclosureSummary) -> String {
        let french = language == .french
        let control = summary.control
        let (cells, withheld, redacted) = (summary.protectedCells, summary.withheld, summary.redactedFindings)
        // French puts 0 and 1 in the singular.
        var text: String
        switch control {
        case .suppression(let k):
            text =
                french
                ? "Contrôle de la divulgation (\(control))\u{00A0}: les cellules de 1 à \(k - 1) sont masquées (\(CellProtection.marker)), avec les cellules nécessaires à leur protection\u{00A0}; les totaux sont exacts. \(integer(cells)) \(cells <= 1 ? "cellule protégée" : "cellules protégées") (\(integer(summary.primary)) sous \(k), \(integer(summary.secondary)) pour les protéger)."
                : "Disclosure control (\(control)): cells counting 1 to \(k - 1) are suppressed (\(CellProtection.marker)), with the cells needed to protect them; totals are exact. \(integer(cells)) \(cells == 1 ? "cell" : "cells") protected (\(integer(summary.primary)) below \(k), \(integer(summary.secondary)) to protect them)."
        case .rounding(let base):
            let rounded = summary.rounded
            text =
                french
                ? "Contrôle de la divulgation (\(control))\u{00A0}: les cellules sont arrondies au multiple de \(base) inférieur\u{00A0}; les totaux sont exacts. \(integer(rounded)) \(rounded <= 1 ? "cellule arrondie" : "cellules arrondies")."
                : "Disclosure control (\(control)): cells are rounded down to a multiple of \(base); totals are exact. \(integer(rounded)) \(rounded == 1 ? "cell" : "cells") rounded."
        case .off:
            text =
                french
                ? "Le contrôle de la divulgation est désactivé\u{00A0}: les petites cellules sont publiées telles quelles."
                : "Disclosure control is off: small cells are published as counted."
        }
        if withheld > 0 {
            text +=
                french
                ? " \(integer(withheld)) \(withheld == 1 ? "ventilation omise" : "ventilations omises"), le masquage ne pouvant \(withheld == 1 ? "la" : "les") protéger."
                : " \(integer(withheld)) \(withheld == 1 ? "breakdown" : "breakdowns") left out, as suppression could not protect \(withheld == 1 ? "it" : "them")."
        }
        if redacted > 0 {
            text +=
                french
                ? " \(integer(redacted)) \(redacted == 1 ? "constat nomme" : "constats nomment") un enregistrement\u{00A0}; \(redacted == 1 ? "il est compté" : "ils sont comptés") par règle ici, et \(redacted == 1 ? "listé" : "listés") par `compass validate` pour le responsable des données."
                : " \(integer(redacted)) data \(redacted == 1 ? "finding names" : "findings name") a record; \(redacted == 1 ? "it is" : "they are") counted by rule here, and listed by `compass validate` for the data owner."
        }
        return text
    }

    /// A breakdown cell as every reporter shows it: the value, or ``CellProtection/marker`` when it is suppressed.
    ///
    /// - Parameters:
    ///   - value: The cell's value in the report.
    ///   - protection: How disclosure control changed the cell, if it did.
    /// - Returns: `1,234`, or `–` for a suppressed cell.
    public func cell(_ value: Int, _ protection: CellProtection?) -> String {
        if let protection, protection.isSuppressed { return CellProtection.marker }
        return integer(value)
    }
}

extension CellProtection {
    /// A stable code for data formats: `suppressed-primary`, `suppressed-secondary` or `rounded-10`.
    public var code: String {
        switch self {
        case .suppressed(let reason): "suppressed-\(reason.rawValue)"
        case .rounded(let base): "rounded-\(base)"
        }
    }
}
