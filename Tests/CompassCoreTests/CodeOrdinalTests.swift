import CompassCore
import CompassEngine
import Testing

/// The position of a code read from its stored byte must be its place in `allCases`, for every code list.
@Suite struct CodeOrdinalTests {
    func check<C: Code>(_ type: C.Type) {
        for (index, value) in C.allCases.enumerated() { #expect(value.ordinal == index, "\(C.self).\(value)") }
    }

    @Test func everyCodeListKeepsItsCanonicalOrder() {
        check(Sex.self)
        check(AssistanceKind.self)
        check(Vulnerability.self)
        check(SurveyService.self)
        check(TrainingTopic.self)
        check(TrainingAudience.self)
        check(OrganisationType.self)
        check(KnowledgeProductKind.self)
        check(AgeGroup.self)
    }
}
