/// Where an import stands, reported after each window of lines it checks and each chunk it writes.
public struct ImportProgress: Sendable, Equatable {
    /// What the import is doing.
    public enum Phase: Sendable, Equatable {
        /// Checking every line before anything is written (an import into a store that exists).
        case checking
        /// Writing the file's events (and, into a new store, checking each line first).
        case writing
    }

    /// What the import is doing.
    public var phase: Phase
    /// The position of the last event checked or written.
    public var position: Int64
    /// The position the file ends at, as its header announces it.
    public var end: Int64
    /// The position the phase started after: the store's head (or, checking, the file's start).
    public var startedAt: Int64
    /// Whether the phase is done.
    public var done: Bool
}
