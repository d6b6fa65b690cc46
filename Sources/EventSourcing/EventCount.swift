/// How many events of one type, stream category, actor and day (UTC) a log holds, and the first
/// and last position among them: one row of the aggregate that `stats` prints, counted by the
/// store in one query instead of by reading every event.
public struct EventCount: Sendable, Equatable {
    /// The wire name.
    public var type: String
    /// The stream category (the stream name before its first colon, or the whole name).
    public var category: String
    /// Who recorded them.
    public var actor: String
    /// The day, as days since 1970-01-01 (UTC).
    public var day: Int64
    /// How many.
    public var count: Int
    /// The first position among them.
    public var first: Int64
    /// The last position among them.
    public var last: Int64

    /// A row of counts.
    public init(type: String, category: String, actor: String, day: Int64, count: Int, first: Int64, last: Int64) {
        self.type = type
        self.category = category
        self.actor = actor
        self.day = day
        self.count = count
        self.first = first
        self.last = last
    }
}

/// Which events an aggregate counts: a stream (exact name, or a category when the name has no
/// colon) and a time range, each optional.
public struct EventCountFilter: Sendable, Equatable {
    /// Only this stream (exact name), or this category when the name has no colon.
    public var stream: String?
    /// Only events recorded at or after this time.
    public var since: Timestamp?
    /// Only events recorded at or before this time.
    public var until: Timestamp?

    /// A filter; with nothing given, every event counts.
    public init(stream: String? = nil, since: Timestamp? = nil, until: Timestamp? = nil) {
        self.stream = stream
        self.since = since
        self.until = until
    }
}
