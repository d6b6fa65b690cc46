import EventSourcing
import Foundation

/// Which events `history` shows. Every condition given must hold.
public struct HistoryFilter: Sendable {
    /// Only this stream (exact name) or category (a name without a colon matches its category too).
    public var stream: String?
    /// Only these wire names.
    public var types: Set<String> = []
    /// Only this actor.
    public var actor: String?
    /// Only events recorded at or after this time.
    public var since: Timestamp?
    /// Only events recorded at or before this time.
    public var until: Timestamp?
    /// Only events of this correlation id: everything one command caused.
    public var correlation: UUID?

    /// A filter of the given conditions; with none, every event passes.
    public init(
        stream: String? = nil, types: Set<String> = [], actor: String? = nil, since: Timestamp? = nil,
        until: Timestamp? = nil, correlation: UUID? = nil
    ) {
        self.stream = stream
        self.types = types
        self.actor = actor
        self.since = since
        self.until = until
        self.correlation = correlation
    }

    /// The first instant a time means: RFC 3339 as given, a bare date at its midnight (UTC).
    public static func start(of text: String) -> Timestamp? {
        Timestamp(rfc3339: text)
    }

    /// The last instant a time means: RFC 3339 as given, a bare date at its last millisecond (UTC),
    /// so `--until 2026-11-29` includes that whole day.
    public static func end(of text: String) -> Timestamp? {
        guard let start = Timestamp(rfc3339: text) else { return nil }
        guard text.count == 10 else { return start }
        return Timestamp(millisecondsSince1970: start.millisecondsSince1970 + 86_400_000 - 1)
    }

    /// Whether an event passes the filter.
    public func matches(_ event: RecordedEvent) -> Bool {
        if let stream, event.stream.rawValue != stream, stream.contains(":") || event.stream.category != stream {
            return false
        }
        if !types.isEmpty, !types.contains(event.type) { return false }
        if let actor, event.metadata.actor != actor { return false }
        if let since, event.recordedAt < since { return false }
        if let until, event.recordedAt > until { return false }
        if let correlation, event.metadata.correlationID != correlation { return false }
        return true
    }
}
