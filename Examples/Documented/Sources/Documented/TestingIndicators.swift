import Compass
import CompassTesting
import Testing

// Documentation/TestingIndicators.md: its tests.

@Suite struct TestingIndicatorsExamples {
    @Test func aGirlAssistedTwiceIsCountedOnce() throws {
        let data = Dataset {
            Migrant("m1", sex: .female, birthYear: 2012)
            Assistance(for: "m1", .humanitarianAid, on: "2022-03-01", in: "MLI")
            Assistance(for: "m1", .comprehensiveAssistance, on: "2022-04-11", in: "MLI")
        }
        try expect(.girlsAssisted, in: data, period: .year(2022), equals: 1, breakdown: [.country: ["MLI": 1]])
    }

    @Test func everyRecordWithItsLabels() {
        let data = Dataset {
            // The records' own initialisers (CompassCore): every field stated.
            Migrant(
                "m1", sex: .female, birthYear: 2012, nationality: "MLI", registeredOn: "2022-01-05",
                vulnerabilities: [.unaccompaniedOrSeparatedChild])
            Assistance("a1", for: "m1", .comprehensiveAssistance, on: "2022-04-11", in: "NER")
            SatisfactionResponse("s1", by: "m1", about: .reintegration, on: "2022-04-20", satisfied: false)
            Training(
                "t1", topic: .counterTrafficking, audience: .stakeholders, in: "NER", from: "2022-06-01",
                to: "2022-06-03")
            TrainingParticipant("p1", in: "t1", sex: .male, organisation: .government)
            KnowledgeProduct("k1", kind: .study, title: "Return and reintegration", publishedOn: "2022-02-15")
            Dissemination("d1", of: "k1", on: "2022-03-01", to: .ngo, representatives: 8)
            Engagement("e1", on: "2022-05-01", in: "NER", youth: 12, supportNetwork: 3)
            PlatformVisits("portal", year: 2022, month: 1, visitors: 120)
            // The short forms (CompassTesting): only what a test cares about; ids numbered by the builder.
            Migrant("m2")
            Assistance(for: "m2", .humanitarianAid, on: "2022-03-01")
            SatisfactionResponse(by: "m2", on: "2022-03-10", satisfied: true)
            Training("t2", topic: .caseManagement, on: "2022-05-02")
            TrainingParticipant("p2", in: "t2")
            KnowledgeProduct("k2", publishedOn: "2022-02-01")
            Dissemination(of: "k2", on: "2022-03-02", representatives: 12)
            Engagement(on: "2022-04-01", youth: 30)
        }
        // Each short form is the full form with these defaults.
        #expect(
            data.migrants[1]
                == Migrant(
                    "m2", sex: .unknown, birthYear: nil, nationality: nil, registeredOn: nil, vulnerabilities: []))
        #expect(
            data.assistance[1] == Assistance("assistance-2", for: "m2", .humanitarianAid, on: "2022-03-01", in: "MLI"))
        #expect(
            data.surveys[1]
                == SatisfactionResponse("survey-2", by: "m2", about: .protection, on: "2022-03-10", satisfied: true))
        #expect(
            data.trainings[1]
                == Training(
                    "t2", topic: .caseManagement, audience: .socialWorkers, in: "MLI", from: "2022-05-02",
                    to: "2022-05-02"))
        #expect(data.participants[1] == TrainingParticipant("p2", in: "t2", sex: .unknown, organisation: .other))
        #expect(
            data.knowledgeProducts[1]
                == KnowledgeProduct("k2", kind: .report, title: "Product k2", publishedOn: "2022-02-01"))
        #expect(
            data.disseminations[1]
                == Dissemination("dissemination-2", of: "k2", on: "2022-03-02", to: .government, representatives: 12))
        #expect(
            data.engagements[1] == Engagement("engagement-2", on: "2022-04-01", in: "MLI", youth: 30, supportNetwork: 0)
        )
    }

    @Test func theFieldOfficeCatalogueIsSound() {
        checkCatalogue(.fieldOffice)
    }
}
