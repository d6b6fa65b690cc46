import EventSourcing
import Foundation
import Testing

/// What a snapshot keeps at a mark: the rows that differ from the mark before, whatever happened between.
@Suite struct ChangeTrackingReadModelsTests {
    let models = InMemoryReadModels()

    func data(_ text: String) -> Data { Data(text.utf8) }

    /// Given rows at a mark, when some change, some change and change back, and a value is
    /// claimed and released in between, then only the net changes are taken, removals as nil.
    @Test func onlyNetChangesSinceTheLastMarkAreTaken() throws {
        models.setDocument("channel", key: "a", to: data("1"))
        models.setDocument("channel", key: "b", to: data("1"))
        try models.claim("name", value: "old", owner: "a")
        let tracked = ChangeTrackingReadModels(models)

        tracked.setDocument("channel", key: "a", to: data("2"))
        tracked.setDocument("channel", key: "b", to: data("2"))
        tracked.setDocument("channel", key: "b", to: data("1"))
        tracked.setDocument("channel", key: "c", to: data("1"))
        tracked.release("name", value: "old", owner: "a")
        try tracked.claim("name", value: "passing", owner: "a")
        tracked.release("name", value: "passing", owner: "a")
        try tracked.claim("name", value: "new", owner: "a")

        let changes = Set(tracked.takeChanges())
        #expect(
            changes == [
                SnapshotRow(kind: .document, name: "channel", key: "a", data: data("2")),
                SnapshotRow(kind: .document, name: "channel", key: "c", data: data("1")),
                SnapshotRow(kind: .claim, name: "name", key: "old", data: nil),
                SnapshotRow(kind: .claim, name: "name", key: "new", data: data("a")),
            ])
        #expect(tracked.takeChanges().isEmpty, "taken once")

        tracked.setDocument("channel", key: "c", to: nil)
        #expect(tracked.takeChanges() == [SnapshotRow(kind: .document, name: "channel", key: "c", data: nil)])
        #expect(throws: EventStoreError.self) { try tracked.claim("name", value: "new", owner: "b") }
        #expect(tracked.takeChanges().isEmpty, "a refused claim changes nothing")
    }
}
