import Compass

let dataset = try Dataset(contentsOfDirectory: "Data")     // strict: throws DatasetReadError listing every problem
let report = try Engine().report(.compass, on: dataset, period: .year(2022))

let result = DatasetReader().read(from: "Data")            // lenient: good records kept, problems listed
for problem in result.problems { print(problem) }           // assistance.csv:14:3: kind: 'humanitarian' is not …
for file in result.accounting { print(file) }               // assistance.csv: 12 read = 11 accepted + 1 rejected

try dataset.write(toDirectory: "Copy")                     // the same format out
try dataset.writeJSON(to: "copy.json")
