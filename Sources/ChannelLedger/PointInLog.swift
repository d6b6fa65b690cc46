import EventSourcing
import Foundation

/// A point in the log that `--as-of` names: a position (`@120`) or a time.
public enum PointInLog: Sendable, Equatable, CustomStringConvertible {
    /// Everything up to and including this position.
    case position(Int64)
    /// Everything recorded at or before this time: the log up to the first event recorded later.
    case time(Timestamp)

    /// Parses `@POSITION`, an RFC 3339 time or a bare date (its end: the state at the close of that day).
    public init?(_ text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("@") {
            guard let position = Int64(text.dropFirst()), position >= 0 else { return nil }
            self = .position(position)
        } else if let time = HistoryFilter.end(of: text) {
            self = .time(time)
        } else {
            return nil
        }
    }

    /// How to write a point, for messages.
    public static let syntax = "@POSITION (e.g. @120) or a time (RFC 3339 like 2026-11-29T10:00:00Z, or a date)"

    /// `@120` or the time in RFC 3339.
    public var description: String {
        switch self {
        case .position(let position): "@\(position)"
        case .time(let time): time.rfc3339
        }
    }

    /// Whether an event lies after this point; the fold stops at the first one that does.
    func isPassed(by event: RecordedEvent) -> Bool {
        switch self {
        case .position(let position): event.position > position
        case .time(let time): event.recordedAt > time
        }
    }
}
