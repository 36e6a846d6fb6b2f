/// All the records of a programme, by kind: the input of the engine.
///
/// A dataset is a plain value. Build one in code with the result builder, read one
/// from files with `CompassData`, or generate one with the sample generator.
///
/// ```swift
/// let data = Dataset {
///     Migrant("m1", sex: .female, birthYear: 2012)
///     Assistance("a1", for: "m1", .humanitarianAid, on: "2022-03-01", in: "MLI")
/// }
/// ```
public struct Dataset: Hashable, Sendable, Codable {
    /// What the data is and where it comes from, shown in reports.
    public var description: LocalizedText?
    /// The people registered.
    public var migrants: [Migrant]
    /// The services delivered to them.
    public var assistance: [Assistance]
    /// Their answers to satisfaction surveys.
    public var surveys: [SatisfactionResponse]
    /// The trainings held.
    public var trainings: [Training]
    /// Who took part in each training.
    public var participants: [TrainingParticipant]
    /// The knowledge products published.
    public var knowledgeProducts: [KnowledgeProduct]
    /// Their presentations to audiences.
    public var disseminations: [Dissemination]
    /// Outreach activities with youth.
    public var engagements: [Engagement]
    /// Monthly visitor counts of online platforms.
    public var platformVisits: [PlatformVisits]

    /// Creates a dataset from arrays of records; every array defaults to empty.
    public init(
        description: LocalizedText? = nil,
        migrants: [Migrant] = [], assistance: [Assistance] = [], surveys: [SatisfactionResponse] = [],
        trainings: [Training] = [], participants: [TrainingParticipant] = [],
        knowledgeProducts: [KnowledgeProduct] = [], disseminations: [Dissemination] = [],
        engagements: [Engagement] = [], platformVisits: [PlatformVisits] = []
    ) {
        self.description = description
        self.migrants = migrants
        self.assistance = assistance
        self.surveys = surveys
        self.trainings = trainings
        self.participants = participants
        self.knowledgeProducts = knowledgeProducts
        self.disseminations = disseminations
        self.engagements = engagements
        self.platformVisits = platformVisits
    }

    /// Creates a dataset from records listed one per line, in any order.
    ///
    /// A record listed with an empty id gets one made of its kind and position, such as
    /// `assistance-3`, so that a test states only the records and fields that matter.
    public init(@DatasetBuilder _ records: () -> [any DatasetRecord]) {
        self.init()
        for record in records() { record.add(to: &self) }
        fillMissingIdentifiers()
    }

    /// Gives every record whose id is empty an id made of its kind and position.
    mutating func fillMissingIdentifiers() {
        func fill<T>(_ records: inout [T], _ prefix: String, _ id: WritableKeyPath<T, Identifier<T>>) {
            for index in records.indices where records[index][keyPath: id].rawValue.isEmpty {
                records[index][keyPath: id] = Identifier("\(prefix)-\(index + 1)")
            }
        }
        fill(&migrants, "migrant", \.id)
        fill(&assistance, "assistance", \.id)
        fill(&surveys, "survey", \.id)
        fill(&trainings, "training", \.id)
        fill(&knowledgeProducts, "product", \.id)
        fill(&disseminations, "dissemination", \.id)
        fill(&engagements, "engagement", \.id)
    }

    /// The total number of records of every kind.
    public var recordCount: Int {
        migrants.count + assistance.count + surveys.count + trainings.count + participants.count
            + knowledgeProducts.count + disseminations.count + engagements.count + platformVisits.count
    }
}

/// A record that can be listed in a ``Dataset`` builder.
public protocol DatasetRecord: Sendable {
    /// Appends the record to the array of its kind.
    func add(to dataset: inout Dataset)
}

extension Migrant: DatasetRecord {
    /// Appends the record to its array in `dataset`.
    public func add(to dataset: inout Dataset) { dataset.migrants.append(self) }
}
extension Assistance: DatasetRecord {
    /// Appends the record to its array in `dataset`.
    public func add(to dataset: inout Dataset) { dataset.assistance.append(self) }
}
extension SatisfactionResponse: DatasetRecord {
    /// Appends the record to its array in `dataset`.
    public func add(to dataset: inout Dataset) { dataset.surveys.append(self) }
}
extension Training: DatasetRecord {
    /// Appends the record to its array in `dataset`.
    public func add(to dataset: inout Dataset) { dataset.trainings.append(self) }
}
extension TrainingParticipant: DatasetRecord {
    /// Appends the record to its array in `dataset`.
    public func add(to dataset: inout Dataset) { dataset.participants.append(self) }
}
extension KnowledgeProduct: DatasetRecord {
    /// Appends the record to its array in `dataset`.
    public func add(to dataset: inout Dataset) { dataset.knowledgeProducts.append(self) }
}
extension Dissemination: DatasetRecord {
    /// Appends the record to its array in `dataset`.
    public func add(to dataset: inout Dataset) { dataset.disseminations.append(self) }
}
extension Engagement: DatasetRecord {
    /// Appends the record to its array in `dataset`.
    public func add(to dataset: inout Dataset) { dataset.engagements.append(self) }
}
extension PlatformVisits: DatasetRecord {
    /// Appends the record to its array in `dataset`.
    public func add(to dataset: inout Dataset) { dataset.platformVisits.append(self) }
}

/// The result builder behind ``Dataset/init(_:)``: records one per line, loops and conditions allowed.
@resultBuilder
public enum DatasetBuilder {
    public static func buildExpression(_ record: any DatasetRecord) -> [any DatasetRecord] { [record] }
    public static func buildExpression(_ records: [any DatasetRecord]) -> [any DatasetRecord] { records }
    public static func buildBlock(_ parts: [any DatasetRecord]...) -> [any DatasetRecord] { parts.flatMap { $0 } }
    public static func buildArray(_ parts: [[any DatasetRecord]]) -> [any DatasetRecord] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [any DatasetRecord]?) -> [any DatasetRecord] { part ?? [] }
    public static func buildEither(first part: [any DatasetRecord]) -> [any DatasetRecord] { part }
    public static func buildEither(second part: [any DatasetRecord]) -> [any DatasetRecord] { part }
}
