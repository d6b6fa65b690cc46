import EventSourcing
import PostgresNIO

extension PostgresEventStore {
    /// The events the filter passes, counted in one aggregate query over the events and their
    /// streams: no event is decoded.
    public func eventCounts(_ filter: EventCountFilter) async throws -> [EventCount]? {
        var conditions: [String] = []
        var values: [any PostgresThrowingDynamicTypeEncodable] = []
        if let stream = filter.stream {
            // PostgreSQL text cannot hold U+0000, so no stored stream has such a name.
            guard !stream.utf8.contains(0) else { return [] }
            values.append(stream)
            conditions.append(
                "(s.name = $\(values.count) OR (strpos($\(values.count), ':') = 0 AND split_part(s.name, ':', 1) = $\(values.count)))"
            )
        }
        if let since = filter.since {
            values.append(since.millisecondsSince1970)
            conditions.append("e.recorded_at >= $\(values.count)")
        }
        if let until = filter.until {
            values.append(until.millisecondsSince1970)
            conditions.append("e.recorded_at <= $\(values.count)")
        }
        let sql = """
            SELECT e.type, split_part(s.name, ':', 1) AS category, e.actor,
                floor(e.recorded_at / 86400000.0)::bigint AS day, count(*), min(e.position), max(e.position)
            FROM events e JOIN streams s ON s.id = e.stream_id
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            GROUP BY e.type, category, e.actor, day
            """
        let query = try PostgresQuery.sql(sql, binding: values)
        return try await reading("counting the events of") { connection in
            let rows = try await connection.fetch(query)
            return try rows.map { row in
                let (type, category, actor, day, count, first, last) = try row.decode(
                    (String, String, String, Int64, Int64, Int64, Int64).self)
                return EventCount(
                    type: type, category: category, actor: actor, day: day, count: Int(count), first: first, last: last)
            }
        }
    }
}
