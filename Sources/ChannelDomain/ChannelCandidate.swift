import Foundation

/// A channel as the association flow sees it: whether it is live and which target IDs it owns.
public struct ChannelCandidate: Sendable, Hashable {
    /// The channel's id.
    public var id: UUID
    /// The channel's display name.
    public var name: String
    /// Whether the channel is live; orders only go to live channels.
    public var isLive: Bool
    /// The Buy with Prime target IDs the channel owns.
    public var targetIds: [String]

    /// A channel the flow can choose.
    public init(id: UUID, name: String, isLive: Bool, targetIds: [String] = []) {
        self.id = id
        self.name = name
        self.isLive = isLive
        self.targetIds = targetIds
    }
}
