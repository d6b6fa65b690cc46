/// What an append recorded.
public struct AppendResult: Hashable, Sendable {
    /// The global positions of the batch, in order (the original ones for an absorbed duplicate).
    public var positions: [Int64]
    /// The stream's version after the batch.
    public var streamVersion: Int64
    /// True when every event id was already recorded with identical content and nothing new was written.
    public var wasDuplicate: Bool

    /// Creates a result from the batch's positions, the stream's new version and whether it was absorbed.
    public init(positions: [Int64], streamVersion: Int64, wasDuplicate: Bool) {
        self.positions = positions
        self.streamVersion = streamVersion
        self.wasDuplicate = wasDuplicate
    }
}
