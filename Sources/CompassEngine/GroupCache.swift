import CompassCore

/// The person groups of an evaluation, built once per source when first needed.
///
/// An evaluator is used by one thread at a time; the cache is a class so that the
/// evaluator, a value, can fill it from its non-mutating methods.
final class GroupCache {
    private var bySource: [Source: PersonGroups] = [:]
    private var categoryColumns: [Source: [BreakdownDimension: [Int32]]] = [:]
    private var slotColumns: [Source: [[[BreakdownDimension]]: [Int32]]] = [:]
    /// Counts made together for several indicators (`Evaluator.countTogether(_:)`), by source, axes and filter.
    private var together: [Source: [[[BreakdownDimension]]: [Filter.Node: Evaluator.CountedCells]]] = [:]

    /// Keeps the counts of a tally made together with others.
    func keep(_ counted: Evaluator.CountedCells, _ source: Source, _ axes: [[BreakdownDimension]], _ node: Filter.Node)
    {
        together[source, default: [:]][axes, default: [:]][node] = counted
    }

    /// The counts of a tally made together with others, if there are.
    func counted(_ source: Source, _ axes: [[BreakdownDimension]], _ node: Filter.Node) -> Evaluator.CountedCells? {
        together[source]?[axes]?[node]
    }

    /// For every grouped row of `source`, its slot on each axis (`layout`), axis after axis, -1 for none.
    func slots(_ axes: [[BreakdownDimension]], layout: CellLayout, of source: Source, evaluator: Evaluator) -> [Int32] {
        if let known = slotColumns[source]?[axes] { return known }
        let count = groups(of: source, evaluator: evaluator).rows.count
        let columns = axes.map { dimensions in
            (
                firsts: categories(dimensions[0], of: source, evaluator: evaluator),
                seconds: dimensions.count > 1 ? categories(dimensions[1], of: source, evaluator: evaluator) : nil
            )
        }
        // Every slot is written by the part of its row: the parts also share the first touch
        // of the new memory.
        let column = [Int32](unsafeUninitializedCapacity: count * axes.count) { column, written in
            evaluator.forEachPart(count) { part in
                for (axis, (firsts, seconds)) in columns.enumerated() {
                    for index in part {
                        column[index * axes.count + axis] = layout.slot(
                            axis, first: firsts[index], second: seconds?[index])
                    }
                }
            }
            written = count * axes.count
        }
        slotColumns[source, default: [:]][axes] = column
        return column
    }

    /// The category of every grouped row of `source` for a single-valued dimension, `Int32.min` for none.
    func categories(_ dimension: BreakdownDimension, of source: Source, evaluator: Evaluator) -> [Int32] {
        if let known = categoryColumns[source]?[dimension] { return known }
        let rows = groups(of: source, evaluator: evaluator).rows
        let reader = evaluator.rowReader(dimension, source)
        let direct = evaluator.byteColumn(dimension, source)
        let country = dimension == .country && source == .assistance ? evaluator.store.assistanceCountry : nil
        // Every category is written by the part of its row, which also shares the first touch of the new memory.
        let column = [Int32](unsafeUninitializedCapacity: rows.count) { column, written in
            rows.withUnsafeBufferPointer { rows in
                evaluator.forEachPart(rows.count) { part in
                    if let (values, persons) = direct {
                        values.withUnsafeBufferPointer { values in
                            if let persons {
                                persons.withUnsafeBufferPointer { persons in
                                    for index in part { column[index] = Int32(values[Int(persons[Int(rows[index])])]) }
                                }
                            } else {
                                for index in part { column[index] = Int32(values[Int(rows[index])]) }
                            }
                        }
                    } else if let country {
                        country.withUnsafeBufferPointer { country in
                            for index in part { column[index] = Int32(country[Int(rows[index])]) }
                        }
                    } else if let reader {
                        for index in part { column[index] = reader(Int(rows[index])) }
                    } else {
                        for index in part { column[index] = Int32.min }
                    }
                }
            }
            written = rows.count
        }
        categoryColumns[source, default: [:]][dimension] = column
        return column
    }

    func groups(of source: Source, evaluator: Evaluator) -> PersonGroups {
        if let known = bySource[source] { return known }
        let groups = evaluator.personGroups(source)
        bySource[source] = groups
        return groups
    }
}
