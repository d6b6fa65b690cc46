import EventSourcing
import Foundation
import Testing

extension EventStoreContract {
    /// A store's aggregate counts, where it has them, equal reading the events and counting them:
    /// by type, category, actor and day (UTC, also before 1970), with the first and last position,
    /// for a stream, a category, a time range and none.
    public func eventCounts() async throws {
        let store = try await makeStore([])
        let day: Int64 = 86_400_000
        let times: [Int64] = [-1, 0, day - 1, day, 5 * day + 17, 1_764_387_887_123]
        for (index, time) in times.enumerated() {
            for (stream, actor) in [
                ("contract:a", "alice"), ("contract:b", "bob"), ("other:x", "alice"), ("single", "carol"),
            ] {
                let event = NewEvent(
                    id: UUIDv7.make(), type: index % 2 == 0 ? "Even" : "Odd", schemaVersion: 1,
                    recordedAt: Timestamp(millisecondsSince1970: time), payload: Data(#"{"n":\#(index)}"#.utf8),
                    metadata: EventMetadata(actor: actor, source: "cli"))
                try await store.append([event], to: try StreamName(stream), expected: .any)
            }
        }
        let all = try await Self.log(of: store)
        let filters = [
            EventCountFilter(), EventCountFilter(stream: "contract:a"), EventCountFilter(stream: "contract"),
            EventCountFilter(stream: "single"), EventCountFilter(stream: "contract:zzz"),
            EventCountFilter(since: Timestamp(millisecondsSince1970: 0), until: Timestamp(millisecondsSince1970: day)),
        ]
        for filter in filters {
            guard let counts = try await store.eventCounts(filter) else { return }  // reads and counts instead
            let expected = Self.counts(all.filter { Self.passes($0, filter) })
            #expect(Set(counts.map(Key.init)) == Set(expected.map(Key.init)), "\(filter)")
        }
    }

    /// What an aggregate row must say, for comparing without order.
    private struct Key: Hashable {
        var type: String, category: String, actor: String, day: Int64, count: Int, first: Int64, last: Int64
        init(_ count: EventCount) {
            (type, category, actor, day) = (count.type, count.category, count.actor, count.day)
            (self.count, first, last) = (count.count, count.first, count.last)
        }
    }

    private static func passes(_ event: RecordedEvent, _ filter: EventCountFilter) -> Bool {
        if let stream = filter.stream, event.stream.rawValue != stream,
            stream.contains(":") || event.stream.category != stream
        {
            return false
        }
        if let since = filter.since, event.recordedAt < since { return false }
        if let until = filter.until, event.recordedAt > until { return false }
        return true
    }

    /// The rows counted by reading the events.
    private static func counts(_ events: [RecordedEvent]) -> [EventCount] {
        var rows: [String: EventCount] = [:]
        for event in events {
            let millis = event.recordedAt.millisecondsSince1970
            let day = millis >= 0 ? millis / 86_400_000 : (millis - 86_399_999) / 86_400_000
            let category = String(event.stream.category)
            let key = "\(event.type)|\(category)|\(event.metadata.actor)|\(day)"
            var row =
                rows[key]
                ?? EventCount(
                    type: event.type, category: category, actor: event.metadata.actor, day: day, count: 0,
                    first: event.position, last: event.position)
            row.count += 1
            row.first = min(row.first, event.position)
            row.last = max(row.last, event.position)
            rows[key] = row
        }
        return Array(rows.values)
    }
}
