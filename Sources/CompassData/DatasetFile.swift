/// A file of the CSV dataset format: one per record kind, in a directory.
///
/// ``schema`` describes every column, as `Documentation/DataFormat.md` shows it. The files are read in
/// the order of `allCases`, so that references can be checked as rows are read:
/// migrants before assistance and surveys, trainings before their participants,
/// knowledge products before their disseminations.
public enum DatasetFile: String, CaseIterable, Hashable, Sendable {
    /// `migrants.csv`: the people registered. Required.
    case migrants
    /// `assistance.csv`: services delivered to migrants. Required.
    case assistance
    /// `surveys.csv`: satisfaction survey answers.
    case surveys
    /// `trainings.csv`: training sessions.
    case trainings
    /// `training_participants.csv`: who took part in each training.
    case trainingParticipants = "training_participants"
    /// `knowledge_products.csv`: studies, reports and other products.
    case knowledgeProducts = "knowledge_products"
    /// `disseminations.csv`: presentations of knowledge products.
    case disseminations
    /// `engagements.csv`: outreach activities, as aggregate counts.
    case engagements
    /// `platform_visits.csv`: monthly visitors of online platforms.
    case platformVisits = "platform_visits"
    /// `description.csv`: what the data is, in one or more languages.
    case description

    /// The file's name in a dataset directory, such as `assistance.csv`.
    public var fileName: String { rawValue + ".csv" }

    /// Whether a dataset must have this file; an absent optional file means no records of its kind.
    public var isRequired: Bool { schema.isRequired }

    /// The names of the columns, in the order the writer writes them; readers accept any order.
    ///
    /// ``schema`` describes each column.
    public var columns: [String] { schema.columnNames }

    /// The columns that may be left out of the header; their values may also be empty.
    public var optionalColumns: Set<String> { Set(schema.columns.filter { !$0.isRequired }.map(\.name)) }
}
