import Crypto
import Foundation

/// The tamper-evident chain: `hash = SHA-256(previousHash ‖ canonical envelope bytes)`.
///
/// The canonical layout is fixed and documented in Docs/event-format.md; every store, the
/// export and `verify` compute hashes through this one function, so they always agree.
public enum HashChain {
    /// The previous hash of position 1: 32 zero bytes.
    public static let genesis = Data(repeating: 0, count: 32)

    /// The hash of an envelope given the hash before it.
    public static func hash(
        previous: Data, position: Int64, id: UUID, stream: String, version: Int64, type: String,
        schemaVersion: Int, recordedAt: Timestamp, metadata: EventMetadata, payload: Data
    ) -> Data {
        CanonicalEnvelope(
            previous: previous, position: position, id: id, stream: stream, version: version, type: type,
            schemaVersion: schemaVersion, recordedAt: recordedAt, metadata: metadata, payload: payload
        ).digest().data
    }

    /// The hash a recorded event should carry after `previous`.
    public static func hash(of event: RecordedEvent, previous: Data) -> Data {
        envelope(of: event, previous: previous).digest().data
    }

    /// Whether a recorded event carries the hash its envelope and `previous` give (the verify
    /// path: the digest is compared in place, no `Data` is made for it).
    public static func holds(for event: RecordedEvent, previous: Data) -> Bool {
        envelope(of: event, previous: previous).digest().matches(event.hash)
    }

    private static func envelope(of event: RecordedEvent, previous: Data) -> CanonicalEnvelope {
        CanonicalEnvelope(
            previous: previous, position: event.position, id: event.id, stream: event.stream.rawValue,
            version: event.version, type: event.type, schemaVersion: event.schemaVersion,
            recordedAt: event.recordedAt, metadata: event.metadata, payload: event.payload)
    }

    /// Walks events in position order and reports the first that breaks the chain.
    public struct Verifier: Sendable {
        /// The last verified position and hash.
        public private(set) var head: LogHead = .empty

        /// A verifier that expects the log to start at position 1.
        public init() {}

        /// A verifier that expects the event after `head` next (a log checked from the middle).
        public init(from head: LogHead) {
            self.head = head
        }

        /// Checks the next event; throws naming its position when its position or hash is wrong.
        public mutating func check(_ event: RecordedEvent) throws(ChainBreak) {
            guard event.position == head.position + 1 else {
                throw ChainBreak(position: head.position + 1, reason: .missing(found: event.position))
            }
            guard HashChain.holds(for: event, previous: head.hash) else {
                throw ChainBreak(position: event.position, reason: .hashMismatch)
            }
            head = LogHead(position: event.position, hash: event.hash)
        }
    }

    /// Where and why the chain breaks.
    public struct ChainBreak: Error, Equatable, CustomStringConvertible {
        /// What is wrong at the position where the chain breaks.
        public enum Reason: Equatable, Sendable {
            /// The stored hash is not the one the event's content and its predecessor's hash give.
            case hashMismatch
            /// The position is absent; `found` is the next position the log holds.
            case missing(found: Int64)
            /// The log ends before the position, though its head or a checkpoint reaches `head`: events were removed.
            case endsBefore(head: Int64)
        }
        /// The first position that fails verification.
        public let position: Int64
        /// Why the chain breaks there.
        public let reason: Reason

        /// Creates a break at a position, for a reason.
        public init(position: Int64, reason: Reason) {
            self.position = position
            self.reason = reason
        }

        /// One line saying where the chain breaks and what that means for the log.
        public var description: String {
            switch reason {
            case .hashMismatch:
                "the event at position \(position) does not match its hash: the log was altered at or before it"
            case .missing(let found):
                "position \(position) is missing (the next event found is at \(found)): the log was truncated or altered"
            case .endsBefore(let head):
                "the log ends at position \(position - 1) but events up to position \(head) were recorded: events were removed from its end"
            }
        }
    }
}
