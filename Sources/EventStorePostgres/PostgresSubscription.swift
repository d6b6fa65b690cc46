import EventSourcing
import Foundation
import Logging
import PostgresNIO

extension PostgresEventStore {
    /// Every event after `position`, then each new one as it commits, until the consuming task is
    /// cancelled (the loop then simply ends) or a read fails.
    ///
    /// It catches up in pages of `batchSize`; once caught up it waits for a NOTIFY (sent by every
    /// append's transaction, so it arrives after the commit) on a connection of its own, with a
    /// poll every ``PostgresStoreOptions/pollInterval`` as a fallback, and reads again. Because
    /// positions become visible strictly in order (see ``PostgresAppendTransaction``), reading
    /// "after the last position seen" never skips an event that commits late. Events are read as
    /// they are consumed, so a slow consumer never makes the subscription buffer more than a page.
    public func subscribe(after position: Int64, batchSize: Int) -> PostgresSubscription {
        PostgresSubscription(store: self, after: position, batchSize: max(1, batchSize))
    }

    /// ``subscribe(after:batchSize:)`` in pages of 500: LISTEN/NOTIFY rather than polling.
    public func subscribe(after position: Int64) -> EventSubscription {
        EventSubscription(subscribe(after: position, batchSize: 500))
    }
}

/// The events of a ``PostgresEventStore`` after a position: the log so far, then live.
public struct PostgresSubscription: AsyncSequence, Sendable {
    /// One recorded event, in position order.
    public typealias Element = RecordedEvent

    let store: PostgresEventStore
    let after: Int64
    let batchSize: Int

    /// Reads pages on demand and waits for the next commit when caught up.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let state: SubscriptionState

        /// The next event; nil once the consuming task is cancelled.
        public mutating func next() async throws -> RecordedEvent? {
            try await state.next()
        }
    }

    /// An iterator starting after the subscription's position.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(state: SubscriptionState(store: store, after: after, batchSize: batchSize))
    }
}

/// The state of one subscription's iterator; stops its listener when the iterator goes away.
final class SubscriptionState {
    private let store: PostgresEventStore
    private let batchSize: Int
    private var position: Int64
    private var buffer: [RecordedEvent] = []
    private var index = 0
    private var wakes: AsyncStream<Void>.Iterator?
    private var listener: Task<Void, Never>?

    init(store: PostgresEventStore, after position: Int64, batchSize: Int) {
        self.store = store
        self.position = position
        self.batchSize = batchSize
    }

    deinit {
        listener?.cancel()
    }

    func next() async throws -> RecordedEvent? {
        while true {
            if index < buffer.count {
                let event = buffer[index]
                index += 1
                position = event.position
                return event
            }
            if Task.isCancelled { return nil }
            do {
                buffer = try await store.readAll(after: position, limit: batchSize)
            } catch  where Task.isCancelled {
                return nil  // the consumer went away mid-read: end quietly, as a cancelled wait does
            }
            index = 0
            if !buffer.isEmpty { continue }
            if wakes == nil { startListening() }
            var waiting = wakes!
            let woken: Void? = await waiting.next()
            wakes = waiting
            if woken == nil { return nil }  // cancelled
        }
    }

    /// Starts the task that turns notifications and poll ticks into wake-ups (coalesced: one pending at most).
    private func startListening() {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        wakes = stream.makeAsyncIterator()
        let configuration = store.connectionConfiguration
        let channel = store.channel
        let interval = store.options.pollInterval
        let logger = store.logger
        let server = store.description
        listener = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: interval)
                        continuation.yield()
                    }
                }
                group.addTask {
                    await SubscriptionState.listen(
                        configuration: configuration, channel: channel, wake: continuation, logger: logger,
                        server: server)
                }
            }
        }
    }

    /// LISTENs on a connection of its own, waking the reader on every notification and once each
    /// time listening (re)starts; reconnects with a backoff after a failure, polling meanwhile.
    private static func listen(
        configuration: PostgresConnection.Configuration, channel: String, wake: AsyncStream<Void>.Continuation,
        logger: Logger, server: String
    ) async {
        var backoff: Duration = .milliseconds(100)
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(
                    configuration: configuration, id: 1, logger: PostgresEventStore.quiet)
                var failure: (any Error)?
                do {
                    try await withTaskCancellationHandler {
                        try await connection.listen(on: channel) { notifications in
                            wake.yield()  // listening now: read once more for commits made before LISTEN took effect
                            backoff = .milliseconds(100)
                            for try await _ in notifications { wake.yield() }
                        }
                    } onCancel: {
                        let closing: EventLoopFuture<Void> = connection.close()
                        _ = closing
                    }
                } catch {
                    failure = error
                }
                // A connection must be closed before it is released, whatever happened.
                try? await connection.close()
                if let failure { throw failure }
            } catch {
                if Task.isCancelled { return }
                logger.debug("a subscription to \(server) lost its LISTEN connection; polling until it is back")
            }
            wake.yield()
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, .seconds(5))
        }
    }
}
