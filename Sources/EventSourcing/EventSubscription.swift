import Foundation

/// Every event after a position, then each new one as it commits, until the consuming task is
/// cancelled (the loop then simply ends): what ``EventStore/subscribe(after:)`` returns.
///
/// It erases the store's own sequence (PostgreSQL follows LISTEN/NOTIFY; the others poll).
public struct EventSubscription: AsyncSequence, Sendable {
    /// One recorded event, in position order.
    public typealias Element = RecordedEvent

    private let start: @Sendable () -> AsyncIterator

    /// A subscription reading `sequence`.
    public init<Events: AsyncSequence & Sendable>(_ sequence: Events) where Events.Element == RecordedEvent {
        start = { AsyncIterator(sequence.makeAsyncIterator()) }
    }

    /// Hands out the underlying sequence's events.
    public struct AsyncIterator: AsyncIteratorProtocol {
        private let box: IteratorBox

        init<Iterator: AsyncIteratorProtocol>(_ iterator: Iterator) where Iterator.Element == RecordedEvent {
            box = Box(iterator)
        }

        /// The next event; nil once the consuming task is cancelled.
        public mutating func next() async throws -> RecordedEvent? {
            try await box.next()
        }
    }

    /// An iterator of the underlying sequence.
    public func makeAsyncIterator() -> AsyncIterator { start() }
}

/// The mutable iterator behind an ``EventSubscription/AsyncIterator``, used by one task only.
private class IteratorBox {
    func next() async throws -> RecordedEvent? { nil }
}

private final class Box<Iterator: AsyncIteratorProtocol>: IteratorBox where Iterator.Element == RecordedEvent {
    private var iterator: Iterator

    init(_ iterator: Iterator) {
        self.iterator = iterator
    }

    override func next() async throws -> RecordedEvent? {
        try await iterator.next()
    }
}

/// The subscription of stores without notifications: read after the last position seen, and
/// when caught up, wait `interval` before reading again.
public struct PollingSubscription: AsyncSequence, Sendable {
    /// One recorded event, in position order.
    public typealias Element = RecordedEvent

    let store: any EventStore
    let after: Int64
    let interval: Duration

    /// Polls `store` for events after `after` every `interval` once caught up.
    public init(store: any EventStore, after: Int64, interval: Duration = .milliseconds(200)) {
        self.store = store
        self.after = after
        self.interval = interval
    }

    /// Reads a page at a time; sleeps while nothing is new.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let store: any EventStore
        let interval: Duration
        var position: Int64
        var buffer: [RecordedEvent] = []
        var index = 0

        /// The next event; nil once the consuming task is cancelled.
        public mutating func next() async throws -> RecordedEvent? {
            while index == buffer.count {
                if Task.isCancelled { return nil }
                do {
                    buffer = try await store.readAll(after: position, limit: 1_000)
                } catch is CancellationError {
                    return nil  // a store may notice the cancellation first
                }
                index = 0
                if let last = buffer.last {
                    position = last.position
                } else {
                    do { try await Task.sleep(for: interval) } catch { return nil }
                }
            }
            defer { index += 1 }
            return buffer[index]
        }
    }

    /// An iterator starting after the subscription's position.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(store: store, interval: interval, position: after)
    }
}
