public import CompassCore

extension Programme {
    /// IOM's COMPASS programme, as its 2022 fact sheet describes it.
    ///
    /// *Cooperation on Migration and Partnerships to Achieve Sustainable Solutions*,
    /// run by the International Organization for Migration and the Ministry of
    /// Foreign Affairs of the Netherlands from 2021 to 2023, with a budget of
    /// EUR 55 million, in 14 partner countries.
    public static let compass = Programme(
        name: "COMPASS",
        fullName: [
            "en": "Cooperation on Migration and Partnerships to Achieve Sustainable Solutions",
            "fr": "Coopération en matière de migration et partenariats pour parvenir à des solutions durables",
        ],
        partners: [
            [
                "en": "International Organization for Migration (IOM)",
                "fr": "Organisation internationale pour les migrations (OIM)",
            ],
            [
                "en": "Ministry of Foreign Affairs of the Netherlands",
                "fr": "Ministère des Affaires étrangères des Pays-Bas",
            ],
        ],
        period: DateRange("2021-01-01", "2023-12-31")!,
        budget: Money(major: 55_000_000, currency: "EUR"),
        partnerCountries: [
            "AFG", "DZA", "EGY", "ETH", "IRQ", "LBN", "LBY", "MLI", "MAR", "NER", "NGA", "SDN", "TCD", "TUN",
        ],
        managementSite: ["en": "IOM headquarters, Geneva", "fr": "Siège de l'OIM, Genève"],
        workAreas: [
            WorkArea(id: "protection", title: ["en": "Protection", "fr": "Protection"]),
            WorkArea(id: "return", title: ["en": "Safe and dignified return", "fr": "Retour sûr et digne"]),
            WorkArea(id: "reintegration", title: ["en": "Sustainable reintegration", "fr": "Réintégration durable"]),
            WorkArea(id: "research", title: ["en": "Research", "fr": "Recherche"]),
            WorkArea(id: "data-collection", title: ["en": "Data collection", "fr": "Collecte de données"]),
            WorkArea(id: "awareness-raising", title: ["en": "Awareness raising", "fr": "Sensibilisation"]),
        ],
        platforms: [
            Platform(id: "yenna", name: "Yenna"),
            Platform(id: "waka_well", name: "WAKA Well"),
            Platform(
                id: "ctdc",
                name: [
                    "en": "Global Data Hub on Human Trafficking (CTDC)",
                    "fr": "Centre mondial de données sur la traite (CTDC)",
                ]),
        ])
}

extension Catalogue {
    /// The 13 headline indicators of the COMPASS fact sheet, "a year in numbers".
    ///
    /// | id | counts |
    /// |---|---|
    /// | `migrants-assisted` | distinct people with any assistance, by sex |
    /// | `humanitarian-aid` | distinct people with humanitarian aid |
    /// | `comprehensive-assistance` | distinct people with comprehensive assistance |
    /// | `protection-satisfaction` | share of protection survey answers that are "yes" |
    /// | `social-workers-trained` | distinct social workers trained in case management, by sex |
    /// | `return-assistance` | distinct people with pre-departure, post-arrival or voluntary-return assistance |
    /// | `reintegration-assistance` | distinct people with reintegration assistance |
    /// | `knowledge-products` | knowledge products published |
    /// | `knowledge-product-audience` | representatives reached by disseminations |
    /// | `stakeholders-trained` | distinct government and stakeholder representatives trained, by sex |
    /// | `youth-engaged` | youth engaged in outreach |
    /// | `support-network-engaged` | support-network members engaged |
    /// | `platform-visitors` | visitors to the online platforms, published as a lower bound |
    ///
    /// `migrants-assisted` declares the four services as its parts, so its result
    /// states how many people received more than one (``Overlap``). Two rules are
    /// declared: `reintegration-after-return` (reintegration recipients in the period ≤
    /// people assisted to return from the programme's start to the period's end) and
    /// `services-within-assisted`.
    public static let compass = Catalogue(
        programme: .compass,
        indicators: [
            Indicator(
                id: "migrants-assisted",
                title: [
                    "en": "Migrants assisted under the global objectives",
                    "fr": "Migrants ayant bénéficié d'une assistance au titre des objectifs mondiaux",
                ],
                workArea: "protection",
                measure: .distinctPeople(.assistance),
                breakdowns: [.sex],
                note: [
                    "en": "Each person is counted once, whatever the number and kinds of assistance they received.",
                    "fr":
                        "Chaque personne est comptée une fois, quels que soient le nombre et les types d'assistance reçus.",
                ],
                parts: [
                    "humanitarian-aid", "comprehensive-assistance", "return-assistance", "reintegration-assistance",
                ]),
            Indicator(
                id: "humanitarian-aid",
                title: [
                    "en": "Vulnerable migrants who received humanitarian aid",
                    "fr": "Migrants vulnérables ayant reçu une aide humanitaire",
                ],
                workArea: "protection",
                measure: .distinctPeople(.assistance, where: .kinds(.humanitarianAid))),
            Indicator(
                id: "comprehensive-assistance",
                title: [
                    "en": "Vulnerable migrants who received comprehensive assistance",
                    "fr": "Migrants vulnérables ayant reçu une assistance complète",
                ],
                workArea: "protection",
                measure: .distinctPeople(.assistance, where: .kinds(.comprehensiveAssistance))),
            Indicator(
                id: "protection-satisfaction",
                title: [
                    "en": "Migrants satisfied with the protection services they received",
                    "fr": "Migrants s'étant dits satisfaits des services de protection fournis",
                ],
                workArea: "protection",
                measure: .share(
                    .count(.surveys, where: .services(.protection) && .satisfied(true)),
                    of: .count(.surveys, where: .services(.protection)))),
            Indicator(
                id: "social-workers-trained",
                title: [
                    "en": "Social workers trained in case management",
                    "fr": "Travailleurs sociaux formés à la gestion de cas",
                ],
                workArea: "protection",
                measure: .distinctPeople(
                    .trainingParticipants, where: .topics(.caseManagement) && .audiences(.socialWorkers)),
                breakdowns: [.sex]),
            Indicator(
                id: "return-assistance",
                title: [
                    "en": "Migrants assisted before departure, after arrival and/or with a voluntary return",
                    "fr":
                        "Migrants ayant bénéficié d'une assistance avant le départ, après leur arrivée et/ou avec un retour volontaire",
                ],
                workArea: "return",
                measure: .distinctPeople(.assistance, where: .kinds(.preDeparture, .postArrival, .voluntaryReturn))),
            Indicator(
                id: "reintegration-assistance",
                title: [
                    "en": "Returnees who received reintegration assistance once home",
                    "fr": "Retournés ayant reçu une aide à la réintégration une fois de retour chez eux",
                ],
                workArea: "reintegration",
                measure: .distinctPeople(.assistance, where: .kinds(.reintegration))),
            Indicator(
                id: "knowledge-products",
                title: [
                    "en": "Knowledge products produced and disseminated",
                    "fr": "Produits de connaissance produits et diffusés",
                ],
                workArea: "research",
                measure: .count(.knowledgeProducts)),
            Indicator(
                id: "knowledge-product-audience",
                title: [
                    "en":
                        "Representatives of governments, the UN, NGOs and other stakeholders reached by knowledge products",
                    "fr":
                        "Représentants de gouvernements, de l'ONU, d'ONG et d'autres parties prenantes touchés par les produits de connaissance",
                ],
                workArea: "research",
                measure: .sum(.representatives)),
            Indicator(
                id: "stakeholders-trained",
                title: [
                    "en":
                        "Government and stakeholder representatives trained on migration management and assistance to migrants",
                    "fr":
                        "Représentants des gouvernements et des parties prenantes formés à la gestion des migrations et à l'assistance aux migrants",
                ],
                workArea: "protection",
                measure: .distinctPeople(
                    .trainingParticipants,
                    where: .audiences(.stakeholders) && .topics(.migrationManagement, .assistanceToMigrants)),
                breakdowns: [.sex]),
            Indicator(
                id: "youth-engaged",
                title: [
                    "en":
                        "Youth from high-mobility communities engaged in promoting safe migration and local opportunities",
                    "fr":
                        "Jeunes des communautés à forte mobilité engagés dans la promotion de la migration sûre et des opportunités locales",
                ],
                workArea: "awareness-raising",
                measure: .sum(.youth)),
            Indicator(
                id: "support-network-engaged",
                title: [
                    "en": "Members of the youth's support networks engaged alongside them",
                    "fr": "Membres de leurs réseaux de soutien engagés à leurs côtés",
                ],
                workArea: "awareness-raising",
                measure: .sum(.supportNetwork)),
            Indicator(
                id: "platform-visitors",
                title: [
                    "en": "Visitors to the IOM online platforms supported by COMPASS",
                    "fr": "Visiteurs sur les plateformes en ligne de l'OIM soutenues par COMPASS",
                ],
                workArea: "data-collection",
                measure: .sum(.visitors),
                breakdowns: [.platform],
                presentation: .lowerBound(step: 10_000),
                note: [
                    "en":
                        "Published as a lower bound: visitors are counted per platform and month, so one person may be counted more than once.",
                    "fr":
                        "Publié comme borne inférieure : les visiteurs sont comptés par plateforme et par mois, une même personne peut donc être comptée plusieurs fois.",
                ]),
        ],
        rules: [
            ValidationRule(
                id: "reintegration-after-return",
                title: [
                    "en":
                        "Reintegration recipients in the period are at most the people assisted to return since the programme started",
                    "fr":
                        "Les bénéficiaires de la réintégration sur la période sont au plus les personnes aidées au retour depuis le début du programme",
                ],
                left: .value("reintegration-assistance"),
                .lessThanOrEqual,
                right: .value("return-assistance", in: .programmeToDate),
                importance: .high,
                missingValues: .neverSkip),
            ValidationRule(
                id: "services-within-assisted",
                title: [
                    "en": "People with humanitarian aid are at most the migrants assisted",
                    "fr": "Les personnes ayant reçu une aide humanitaire sont au plus les migrants assistés",
                ],
                left: .value("humanitarian-aid"),
                .lessThanOrEqual,
                right: .value("migrants-assisted"),
                importance: .medium),
        ])
}

extension Dataset {
    /// The built-in sample: synthetic records calibrated to the COMPASS 2022 fact sheet.
    ///
    /// See ``CalibratedSample`` for what it holds. Generated once per process, the same every time.
    public static func compassSample2022() -> Dataset { CalibratedSample.dataset() }
}
