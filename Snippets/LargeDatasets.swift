import Compass

// A large dataset is read straight into columns, with no Dataset of records in between.
let prepared = try PreparedDataset(contentsOf: "Data", programme: Programme.compass)
// Prepared once, evaluated for as many periods (or catalogues of the programme) as needed.
for year in 2021...2022 {
    let evaluation = try Engine().evaluate(.compass, on: prepared, period: .year(year))
    print(year, evaluation["migrants-assisted"]?.value ?? .count(0))
}
