import CompassTesting
import Testing

@Test func hxlReporterObeysTheContract() throws {
    try checkReporter(HXLReporter())
    try checkReporter(HXLReporter(language: .french))
}
