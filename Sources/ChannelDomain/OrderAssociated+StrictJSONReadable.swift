import EventSourcing

/// The payload that gives nearly every order its channel, read by a fold once per order: read as
/// its `Decodable` conformance reads it, or left to `JSONDecoder`.
extension OrderAssociated: StrictJSONReadable {
    private static let names: Set<String> = ["channelId", "reason"]

    /// The payload; throws when the JSON is anything its reader is not sure of.
    package init(strictJSON json: StrictJSON) throws(StrictJSONFields.NotSure) {
        let fields = try StrictJSONFields(json, names: Self.names)
        self.init(
            channelId: try fields.required("channelId", StrictJSONFields.uuid),
            reason: try fields.required("reason", OrderAssociationReason.init(strictJSON:)))
    }
}

extension OrderAssociationReason {
    private static let names: Set<String> = ["kind", "name", "flowRevision", "skipped", "text"]

    /// A reason as ``init(from:)`` reads it: the `kind`, then the members that kind has (any
    /// other member is not read, as there).
    init(strictJSON json: StrictJSON) throws(StrictJSONFields.NotSure) {
        let fields = try StrictJSONFields(json, names: Self.names)
        switch try fields.string("kind") {
        case "rule":
            self = .rule(
                name: try fields.string("name"),
                flowRevision: try fields.required("flowRevision", StrictJSONFields.int),
                skipped: try fields.optional("skipped", StrictJSONFields.strings) ?? [])
        case "manual": self = .manual(text: try fields.string("text"))
        case "upgrade": self = .upgrade
        default: throw StrictJSONFields.NotSure()
        }
    }
}
