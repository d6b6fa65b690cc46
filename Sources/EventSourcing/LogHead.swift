import Foundation

/// The newest event of the log: its position and hash (the genesis hash when empty).
public struct LogHead: Hashable, Sendable {
    /// The position of the newest event (0 for an empty log).
    public var position: Int64
    /// The newest event's hash (``HashChain/genesis`` for an empty log).
    public var hash: Data

    /// Creates a head from a position and the hash recorded there.
    public init(position: Int64, hash: Data) {
        self.position = position
        self.hash = hash
    }

    /// The head of an empty log.
    public static let empty = LogHead(position: 0, hash: HashChain.genesis)
}
