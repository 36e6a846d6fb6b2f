import Compass

let girls = Indicator(id: "girls-assisted", title: ["en": "Girls assisted"],
    measure: .distinctPeople(.assistance), filter: .sex(.female) && .ageGroups(.child))
let dataset = Dataset.compassSample2022()
// A year, a quarter, a month or a range of days names its own days.
print(try Engine().evaluate(girls, on: dataset, period: .year(2022)).value)  // count(4002)
// `.programme` is a programme's whole period: say which programme.
print(try Engine().evaluate(girls, on: dataset, period: .programme, programme: .compass).value)  // count(4285)
// Any days, both ends included.
if let spring = DateRange("2022-03-01", "2022-05-31") {
    print(try Engine().evaluate(girls, on: dataset, dates: spring).value)  // count(1583)
}
