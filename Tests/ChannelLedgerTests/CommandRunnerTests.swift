import ChannelDomain
import EventSourcing
import Foundation
import Logging
import Testing

@testable import ChannelLedger

/// `CommandRunner.runAll`: one append for several streams; a rival on one of them makes each
/// decide again on its own.
@Suite struct CommandRunnerTests {
    static let channel = UUID(uuidString: "0192F3A0-0000-7000-8000-0000000000C1")!
    static let context = CommandContext(actor: "ops", source: "publisher")

    /// Orders `a` and `b`, received and associated with ``channel``.
    static func twoOrders(in store: any EventStore) async throws {
        for order in ["a", "b"] {
            try await store.append(
                try context.newEvents([
                    OrderReceived(orderId: order, targetId: "T"),
                    OrderAssociated(channelId: channel, reason: .upgrade),
                ]), to: Streams.order(order), expected: .noStream)
        }
    }

    static func publish(_ order: String) -> (stream: StreamName, command: OrderCommand) {
        (Streams.order(order), .recordPublication(salesforceId: "801\(order)", channel: channel))
    }

    @Test func severalStreamsAreRecordedInOneAppendAndWhatWouldRepeatIsNot() async throws {
        let inner = InMemoryEventStore()
        try await Self.twoOrders(in: inner)
        let store = RacingStore(inner: inner, batches: true) {}  // counts the multi-stream appends
        let runner = CommandRunner(store: store, logger: Logger(label: "test"))
        let recorded = try await runner.runAll(
            Order.self, [Self.publish("a"), Self.publish("b")], codec: OrderEvent.codec, context: Self.context,
            payload: { $0.payload })
        #expect(recorded == [true, true])
        #expect(await store.batchAppends == 1, "one append for both")
        let again = try await runner.runAll(
            Order.self, [Self.publish("a"), Self.publish("b")], codec: OrderEvent.codec, context: Self.context,
            payload: { $0.payload })
        #expect(again == [false, false], "the deciders record nothing already published")
        #expect(try await inner.head().position == 6)
    }

    @Test func aRivalOnOneStreamMakesEachDecideAgainOnItsOwn() async throws {
        let inner = InMemoryEventStore()
        try await Self.twoOrders(in: inner)
        let rivalRunner = CommandRunner(store: inner, logger: Logger(label: "test"))
        let store = RacingStore(inner: inner, batches: true) {
            // Another publisher records `a` between this runner's read and its append.
            try await rivalRunner.run(
                Order.self, stream: Streams.order("a"), codec: OrderEvent.codec, context: Self.context,
                payload: { $0.payload }
            ) { _ in Self.publish("a").command }
        }
        let runner = CommandRunner(store: store, logger: Logger(label: "test"))
        let recorded = try await runner.runAll(
            Order.self, [Self.publish("a"), Self.publish("b")], codec: OrderEvent.codec, context: Self.context,
            payload: { $0.payload })
        #expect(recorded == [false, true], "a was published meanwhile; b is recorded")
        for order in ["a", "b"] {
            let types = try await inner.read(stream: Streams.order(order)).map(\.type)
            #expect(types == ["OrderReceived", "OrderAssociated", "OrderPublished"], "\(order): once")
        }
        #expect(await store.interruptions == 1)
    }

    /// A known state at a version the stream has moved past (a read model read before a rival wrote).
    static func known(_ order: String, at version: Int64, in store: any EventStore) async throws
        -> CommandRunner.Known<Order>
    {
        let history = try await store.read(stream: Streams.order(order))
        let state = try Order.fold(Array(history.prefix(Int(version))), codec: OrderEvent.codec)
        return .init(stream: Streams.order(order), state: state, version: version, command: publish(order).command)
    }

    @Test func givenKnownStatesWhenTheyAreCurrentThenNothingIsReadAndOneAppendRecordsThem() async throws {
        let inner = InMemoryEventStore()
        try await Self.twoOrders(in: inner)
        let store = RacingStore(inner: inner, batches: true) {}
        let runner = CommandRunner(store: store, logger: Logger(label: "test"))
        let known = [try await Self.known("a", at: 2, in: inner), try await Self.known("b", at: 2, in: inner)]
        let recorded = try await runner.runAll(
            Order.self, known: known, codec: OrderEvent.codec, context: Self.context, payload: { $0.payload })
        #expect(recorded == [true, true])
        #expect(await store.batchAppends == 1)
        #expect(await store.streamReads == 0, "decided on the states given")
    }

    @Test func givenAKnownStateBehindItsStreamWhenRecordingThenEachIsDecidedAgainOnFreshState() async throws {
        let inner = InMemoryEventStore()
        try await Self.twoOrders(in: inner)
        // `a` was published after its state was read: the known state (version 2) lacks it.
        let stale = try await Self.known("a", at: 2, in: inner)
        try await CommandRunner(store: inner, logger: Logger(label: "test")).run(
            Order.self, stream: Streams.order("a"), codec: OrderEvent.codec, context: Self.context,
            payload: { $0.payload }
        ) { _ in Self.publish("a").command }
        let runner = CommandRunner(store: inner, logger: Logger(label: "test"))
        let recorded = try await runner.runAll(
            Order.self, known: [stale, try await Self.known("b", at: 2, in: inner)], codec: OrderEvent.codec,
            context: Self.context, payload: { $0.payload })
        #expect(recorded == [false, true], "a is published once; b is recorded")
        for order in ["a", "b"] {
            let types = try await inner.read(stream: Streams.order(order)).map(\.type)
            #expect(types == ["OrderReceived", "OrderAssociated", "OrderPublished"], "\(order): once")
        }
    }
}
