import EventSourcing
import Foundation

/// What `stats` counts: events per type, per stream category, per actor and per day (UTC).
public struct LogStats: Sendable, Equatable {
    /// Events counted.
    public private(set) var total = 0
    /// The first and last position counted.
    public private(set) var positions: ClosedRange<Int64>?
    /// Events per wire name.
    public private(set) var byType: [String: Int] = [:]
    /// Events per stream category (`channel`, `connected-app`, `ledger`, …).
    public private(set) var byCategory: [String: Int] = [:]
    /// Events per actor.
    public private(set) var byActor: [String: Int] = [:]
    /// Events per day, keyed `YYYY-MM-DD` (UTC).
    public private(set) var byDay: [String: Int] = [:]

    /// No events counted yet.
    public init() {}

    /// Adds a row of counts from the store's aggregate.
    public mutating func add(_ counted: EventCount) {
        total += counted.count
        positions =
            min(
                positions?.lowerBound ?? counted.first, counted.first)...max(
                positions?.upperBound ?? counted.last, counted.last)
        byType[counted.type, default: 0] += counted.count
        byCategory[counted.category, default: 0] += counted.count
        byActor[counted.actor, default: 0] += counted.count
        let day = Timestamp(millisecondsSince1970: counted.day * 86_400_000).rfc3339.prefix(10)
        byDay[String(day), default: 0] += counted.count
    }

    /// Counts one event.
    public mutating func count(_ event: RecordedEvent) {
        total += 1
        positions = (positions?.lowerBound ?? event.position)...event.position
        byType[event.type, default: 0] += 1
        byCategory[String(event.stream.category), default: 0] += 1
        byActor[event.metadata.actor, default: 0] += 1
        byDay[String(event.recordedAt.rfc3339.prefix(10)), default: 0] += 1
    }
}
