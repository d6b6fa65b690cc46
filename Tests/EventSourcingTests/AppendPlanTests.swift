import EventSourcing
import Foundation
import Testing

@Suite struct AppendPlanTests {
    let stream = StreamName(category: "channel", id: "1")

    func plan(
        _ batch: [NewEvent], expected: ExpectedVersion, current: Int64, recorded: [RecordedEvent] = []
    ) throws -> AppendPlan {
        try AppendPlan.make(for: batch, to: stream, expected: expected, currentVersion: current) { event in
            recorded.first { $0.id == event.id }
        }
    }

    @Test func writesAfterTheCurrentVersionWhenExpected() throws {
        let batch = [ContractEvent.make(), ContractEvent.make()]
        #expect(try plan(batch, expected: .noStream, current: 0) == .write(firstVersion: 1))
        #expect(try plan(batch, expected: .exact(4), current: 4) == .write(firstVersion: 5))
        #expect(try plan(batch, expected: .any, current: 9) == .write(firstVersion: 10))
        #expect(try plan(batch, expected: .at(0), current: 0) == .write(firstVersion: 1))
    }

    @Test func refusesAnUnexpectedVersion() {
        let batch = [ContractEvent.make()]
        #expect(throws: EventStoreError.wrongExpectedVersion(stream: stream, expected: .noStream, actual: 2)) {
            try plan(batch, expected: .noStream, current: 2)
        }
        #expect(throws: EventStoreError.wrongExpectedVersion(stream: stream, expected: .exact(1), actual: 0)) {
            try plan(batch, expected: .exact(1), current: 0)
        }
    }

    @Test func absorbsARecordedBatchBeforeCheckingTheVersion() throws {
        let batch = [ContractEvent.make(), ContractEvent.make()]
        let recorded = [
            ContractEvent.recorded(batch[0], in: stream, version: 1, position: 10),
            ContractEvent.recorded(batch[1], in: stream, version: 2, position: 12),
        ]
        let expected = AppendPlan.duplicate(AppendResult(positions: [10, 12], streamVersion: 7, wasDuplicate: true))
        #expect(try plan(batch, expected: .noStream, current: 7, recorded: recorded) == expected)
        #expect(try plan(batch, expected: .exact(2), current: 7, recorded: recorded) == expected)
    }

    @Test func refusesOtherContentUnderARecordedID() {
        let event = ContractEvent.make()
        var changed = event
        changed.payload = Data("{}".utf8)
        let recorded = [ContractEvent.recorded(event, in: stream, version: 1, position: 3)]
        #expect(throws: EventStoreError.duplicateEventID(event.id, position: 3)) {
            try plan([changed], expected: .exact(99), current: 1, recorded: recorded)
        }
        let elsewhere = [
            ContractEvent.recorded(event, in: StreamName(category: "order", id: "1"), version: 1, position: 3)
        ]
        #expect(throws: EventStoreError.duplicateEventID(event.id, position: 3)) {
            try plan([event], expected: .any, current: 1, recorded: elsewhere)
        }
        // Metadata and time are not content: a redelivery decided at another time is absorbed.
        var later = event
        later.recordedAt = Timestamp(millisecondsSince1970: 9_999)
        later.metadata.actor = "someone-else"
        #expect(throws: Never.self) { try plan([later], expected: .any, current: 1, recorded: recorded) }
    }

    @Test func refusesAPartlyRecordedBatch() {
        let batch = [ContractEvent.make(), ContractEvent.make(), ContractEvent.make()]
        let recorded = [ContractEvent.recorded(batch[1], in: stream, version: 1, position: 1)]
        #expect(throws: EventStoreError.partiallyRecordedBatch(stream: stream, recorded: [batch[1].id])) {
            try plan(batch, expected: .exact(1), current: 1, recorded: recorded)
        }
    }

    @Test func refusesAnIDRepeatedInTheBatchFirst() {
        let event = ContractEvent.make()
        #expect(throws: EventStoreError.repeatedEventIDInBatch(event.id)) {
            try plan([event, ContractEvent.make(), event], expected: .exact(5), current: 0)
        }
    }

    @Test func expectedVersionAccepts() {
        #expect(ExpectedVersion.noStream.accepts(0))
        #expect(!ExpectedVersion.noStream.accepts(1))
        #expect(ExpectedVersion.any.accepts(42))
        #expect(ExpectedVersion.exact(3).accepts(3))
        #expect(!ExpectedVersion.exact(3).accepts(4))
        #expect(ExpectedVersion.at(0) == .noStream)
        #expect(ExpectedVersion.at(2) == .exact(2))
    }

    @Test func errorDescriptionsAreOneLine() {
        let id = UUID()
        let errors: [EventStoreError] = [
            .wrongExpectedVersion(stream: stream, expected: .exact(1), actual: 2), .duplicateEventID(id, position: 1),
            .partiallyRecordedBatch(stream: stream, recorded: [id]), .repeatedEventIDInBatch(id),
            .claimConflict(kind: "channel-name", value: "EU", owner: "channel:1"),
        ]
        for error in errors {
            #expect(!error.description.isEmpty)
            #expect(!error.description.contains("\n"))
        }
    }
}
