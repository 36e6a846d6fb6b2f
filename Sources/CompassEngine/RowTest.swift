import CompassCore

/// A compiled row filter, with the common cases tested without a closure.
enum RowTest {
    /// Every row.
    case all
    /// Rows whose kind of assistance is in a mask of ordinals.
    case kinds(UInt64, [UInt8])
    /// Any other filter.
    case other((Int) -> Bool)

    init(_ node: Filter.Node, _ source: Source, evaluator: Evaluator) {
        switch node {
        case .all:
            self = .all
        case .kinds(let set) where source == .assistance:
            var mask: UInt64 = 0
            for kind in set { mask |= 1 << UInt64(kind.ordinal) }
            self = .kinds(mask, evaluator.store.assistanceKind)
        default:
            self = .other(evaluator.predicate(node, source))
        }
    }

    @inline(__always) func passes(_ row: Int) -> Bool {
        switch self {
        case .all: true
        case .kinds(let mask, let column): mask & (1 << UInt64(column[row])) != 0
        case .other(let test): test(row)
        }
    }
}
