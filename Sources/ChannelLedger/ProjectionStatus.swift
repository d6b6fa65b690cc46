import EventSourcing
import Foundation

/// Where one registered projection stands, for `projections status`.
public struct ProjectionStatus: Sendable, Equatable {
    /// Whether the live models can be trusted.
    public enum State: String, Sendable {
        /// Built by this code's version and kept at the head by every append.
        case current
        /// Built by another version: waiting for a rebuild (the next command opening the store runs it).
        case stale
        /// Never built in this store (a projection added by a newer version).
        case missing
        /// Built by a newer version than this code: this version must not touch it; upgrade.
        case newer
    }

    /// The projection's name.
    public var name: String
    /// The version this code builds.
    public var version: Int
    /// The version the live models were built by, if any.
    public var storedVersion: Int?
    /// The last position applied to the live models.
    public var checkpoint: Int64
    /// The log's head.
    public var head: Int64
    /// A rebuild in progress (built aside, not yet swapped in), if any.
    public var staged: StagedRebuild?

    /// Events the live models have not applied.
    public var lag: Int64 { max(0, head - checkpoint) }

    /// Current, stale, missing or newer.
    public var state: State {
        guard let storedVersion else { return head == 0 ? .current : .missing }
        if storedVersion > version { return .newer }
        return storedVersion == version ? .current : .stale
    }
}
