import EventSourcing
import GRDB

extension SQLiteEventStore {
    /// The events the filter passes, counted in one aggregate query over the events and their
    /// streams: no event is decoded.
    public func eventCounts(_ filter: EventCountFilter) async throws -> [EventCount]? {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let stream = filter.stream {
            conditions.append(
                "(s.name = CAST(? AS TEXT) OR (instr(CAST(? AS TEXT), ':') = 0 AND \(Self.category) = CAST(? AS TEXT)))"
            )
            arguments += [SQLiteText.bind(stream), SQLiteText.bind(stream), SQLiteText.bind(stream)]
        }
        if let since = filter.since {
            conditions.append("e.recorded_at >= ?")
            arguments.append(since.millisecondsSince1970)
        }
        if let until = filter.until {
            conditions.append("e.recorded_at <= ?")
            arguments.append(until.millisecondsSince1970)
        }
        // Grouped by stream id, not by category: no join or string work per event unless a stream
        // filter needs the names; the ids are turned into categories once per stream.
        let sql = """
            SELECT e.type, e.stream_id, e.actor, \(Self.day) AS day, count(*), min(e.position), max(e.position)
            FROM events e\(filter.stream == nil ? "" : " JOIN streams s ON s.id = e.stream_id")
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            GROUP BY e.type, e.stream_id, e.actor, day
            """
        let bound = StatementArguments(arguments.map { $0 as (any DatabaseValueConvertible)? })
        return try await reading("counting the events of") { db in
            var categories: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, \(Self.category) FROM streams s") {
                categories[row[0]] = try SQLiteText.read(row, 1)
            }
            var counts: [String: EventCount] = [:]
            for row in try Row.fetchAll(db, sql: sql, arguments: bound) {
                let stream: Int64 = row[1]
                let counted = EventCount(
                    type: try SQLiteText.read(row, 0), category: categories[stream] ?? "",
                    actor: try SQLiteText.read(row, 2), day: row[3], count: row[4], first: row[5], last: row[6])
                let key = "\(counted.type)\u{0}\(counted.category)\u{0}\(counted.actor)\u{0}\(counted.day)"
                if var merged = counts[key] {
                    merged.count += counted.count
                    merged.first = min(merged.first, counted.first)
                    merged.last = max(merged.last, counted.last)
                    counts[key] = merged
                } else {
                    counts[key] = counted
                }
            }
            return Array(counts.values)
        }
    }

    /// A stream name's category: before its first colon, or the whole name.
    static let category =
        "CASE WHEN instr(s.name, ':') > 0 THEN substr(s.name, 1, instr(s.name, ':') - 1) ELSE s.name END"
    /// An event's day (UTC) as days since 1970, rounded down also before 1970.
    static let day =
        "(CASE WHEN e.recorded_at >= 0 THEN e.recorded_at / 86400000 ELSE (e.recorded_at - 86399999) / 86400000 END)"
}
