import CompassCore
import CompassEngine

extension ReadSession {
    /// The files read beside the others, on another thread: they name no migrant, so they touch
    /// nothing the reading of migrants, assistance and surveys touches.
    static let sideFiles: [DatasetFile] = [
        .trainings, .trainingParticipants, .knowledgeProducts, .disseminations, .engagements, .platformVisits,
        .description,
    ]

    /// The store of this session before anything is read into it, for a side session to add
    /// its records to; `nil` when the session builds no store.
    var blankStore: Store? { buildsStore ? store : nil }

    /// Adds the records read to `columns`, a blank store, into `others`, then lets the records
    /// go: on a side session, this happens on its thread, beside the reading of the large files.
    func addOthers(to columns: Store) {
        // The tables that found duplicates and references while reading go first: the columns
        // are built without them, and both at once made the peak of the whole read higher.
        trainingLines = [:]
        participantTrainings = IdTable()
        participations = IdTable()
        participationLines = []
        productLines = [:]
        disseminationLines = [:]
        engagementLines = [:]
        visitLines = [:]
        var columns = columns
        if participantsAsNumbers {
            // The people of the participations become the store's trainees, numbered as read.
            let people = participantPeople
            participantPeople = IdTable()
            columns.addOthers(dataset, trainees: people, participations: participationNumbers)
            participationNumbers = []
        } else {
            participantPeople = IdTable()
            columns.addOthers(dataset)
        }
        others = columns
        dataset = Dataset()
    }

    /// Takes in what a side session read, as if this session had read those files after its own.
    func merge(_ side: ReadSession) {
        problems += side.problems
        accounting += side.accounting
        if let others = side.others {
            store.takeOthers(from: others)
            othersAdded = true
        }
        dataset.trainings += side.dataset.trainings
        dataset.participants += side.dataset.participants
        dataset.knowledgeProducts += side.dataset.knowledgeProducts
        dataset.disseminations += side.dataset.disseminations
        dataset.engagements += side.dataset.engagements
        dataset.platformVisits += side.dataset.platformVisits
        descriptionTexts.merge(side.descriptionTexts) { first, _ in first }
        if let rejects, let sideRejects = side.rejects {
            rejects.append(sideRejects.buffer)
            do { try rejects.flushIfNeeded() } catch { rejectsFailed = error }
        }
    }

    /// Ends a session that built a store: the smaller files' records go into it, in the order of the format.
    func finishPrepared(programme: Programme?) -> PreparedReadResult {
        let result = finish()
        var columns = buildsStore ? store : Store(programme: programme)
        if !othersAdded { columns.addOthers(result.dataset) }
        if buildsStore {
            // The columns are the store's only copy, and the ids of people (some 24 MiB at a
            // million migrants) are unmapped on another thread while this one ends the preparation.
            store = Store(programme: nil)
            releaseOnAnotherThread(columns.releaseIds())
        }
        return PreparedReadResult(
            dataset: PreparedDataset(store: columns, programme: programme, description: result.dataset.description),
            problems: result.problems, accounting: result.accounting)
    }

}

/// A session handed from the thread that filled it to the one that merges it.
///
/// The session is only touched by the worker thread until ``BackgroundWork/wait()`` returns,
/// and only by the waiting thread after: the semaphore orders the two.
final class SessionBox: @unchecked Sendable {
    let session: ReadSession
    init(_ session: ReadSession) { self.session = session }
}
