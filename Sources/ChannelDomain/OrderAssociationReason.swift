/// Why an order went to its channel, as `OrderAssociated` and `OrderReassociated` record it.
///
/// Encoded as `{"kind":"rule","name":…,"flowRevision":N}` (plus `"skipped":[…]` only when rules
/// held whose channel was not live), `{"kind":"manual","text":…}` or `{"kind":"upgrade"}`.
public enum OrderAssociationReason: Sendable, Hashable, Codable {
    /// A rule of the association flow held: its name, the `association-rules` stream version it was
    /// decided at, and the rules before it that held but were skipped because their channel was not live.
    case rule(name: String, flowRevision: Int, skipped: [String] = [])
    /// Someone chose the channel by hand, saying why.
    case manual(text: String)
    /// The upgrade from the single-account format gave the order to `Default`.
    case upgrade

    private enum CodingKeys: String, CodingKey { case kind, name, flowRevision, skipped, text }

    /// Reads the `kind` and the fields that kind has.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "rule":
            self = .rule(
                name: try container.decode(String.self, forKey: .name),
                flowRevision: try container.decode(Int.self, forKey: .flowRevision),
                skipped: try container.decodeIfPresent([String].self, forKey: .skipped) ?? [])
        case "manual":
            self = .manual(text: try container.decode(String.self, forKey: .text))
        case "upgrade":
            self = .upgrade
        case let kind:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "unknown association reason kind \(kind)")
        }
    }

    /// Writes the `kind` and the fields that kind has; no `skipped` when no rule was skipped.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .rule(let name, let flowRevision, let skipped):
            try container.encode("rule", forKey: .kind)
            try container.encode(name, forKey: .name)
            try container.encode(flowRevision, forKey: .flowRevision)
            if !skipped.isEmpty { try container.encode(skipped, forKey: .skipped) }
        case .manual(let text):
            try container.encode("manual", forKey: .kind)
            try container.encode(text, forKey: .text)
        case .upgrade:
            try container.encode("upgrade", forKey: .kind)
        }
    }
}
