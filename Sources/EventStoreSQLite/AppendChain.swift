import EventSourcing
import Foundation
import GRDB

/// What the appends of one transaction share, read once for all of them instead of once each: the
/// head of the log they chain from, the inline projections they keep current, and the position
/// those projections' checkpoints move to, written once after the last append (``finish(_:)``).
///
/// An append moves it (``wrote(through:hash:)``) as its very last step, after every write of its
/// own, so an append that throws leaves it where it was, and so does a request rolled back to its
/// savepoint in a group commit, whose append is the last thing in that savepoint.
struct AppendChain {
    /// Every inline projection of the store.
    let projections: [any Projection]
    private var head: LogHead?
    private var current: [any Projection]?
    private var written: Int64?

    /// A chain that has read nothing yet.
    init(projections: [any Projection]) {
        self.projections = projections
    }

    /// The last event's position and hash (``LogHead/empty`` on an empty log), read at first use.
    mutating func head(_ db: Database) throws -> LogHead {
        if let head { return head }
        let read = try SQLiteEventStore.lastEvent(in: db) ?? .empty
        head = read
        return read
    }

    /// The projections the appends keep current (``SQLiteReadModelWriter/currentProjections``),
    /// decided at first use: the checkpoints they are decided from change only in ``finish(_:)``.
    mutating func currentProjections(_ db: Database) throws -> [any Projection] {
        if let current { return current }
        let logIsEmpty = try head(db).position == 0
        let decided = try SQLiteReadModelWriter.currentProjections(db, projections, logIsEmpty: logIsEmpty)
        current = decided
        return decided
    }

    /// Notes an append that ended at `position` with `hash`: the next one chains from it.
    mutating func wrote(through position: Int64, hash: Data) {
        head = LogHead(position: position, hash: hash)
        written = position
    }

    /// Moves the current projections' checkpoints to the last position written, if anything was.
    func finish(_ db: Database) throws {
        guard let written, let current else { return }
        try SQLiteReadModelWriter.updateCheckpoints(db, projections: current, position: written)
    }
}
