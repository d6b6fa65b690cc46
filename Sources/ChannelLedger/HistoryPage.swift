import EventSourcing

/// One page of `history`: at most `limit` events after `after`.
struct HistoryPage {
    let after: Int64
    let limit: Int?
    var shown = 0
    var last: Int64
    /// Where the page was cut short, if it was.
    var cutAt: Int64?

    init(after: Int64, limit: Int?) {
        self.after = after
        self.limit = limit
        self.last = after
    }

    /// Hands the event over unless the page is full; returns whether to go on.
    mutating func show(_ event: RecordedEvent, _ body: (RecordedEvent) throws -> Void) throws -> Bool {
        if let limit, shown == limit {
            cutAt = last
            return false
        }
        try body(event)
        shown += 1
        last = event.position
        return true
    }
}
