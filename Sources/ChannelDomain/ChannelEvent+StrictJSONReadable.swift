import EventSourcing

// The channel events a busy channel repeats (a log of suspensions, resumptions and renames is
// what the time-travel folds and a channel-heavy rebuild read), read as their synthesized
// `Decodable` conformances read them, or left to `JSONDecoder`.

extension ChannelRenamed: StrictJSONReadable {
    private static let names: Set<String> = ["from", "to"]

    /// The payload; throws when the JSON is anything its reader is not sure of.
    package init(strictJSON json: StrictJSON) throws(StrictJSONFields.NotSure) {
        let fields = try StrictJSONFields(json, names: Self.names)
        self.init(from: try fields.string("from"), to: try fields.string("to"))
    }
}

extension ChannelSuspended: StrictJSONReadable {
    private static let names: Set<String> = ["reason"]

    /// The payload; throws when the JSON is anything its reader is not sure of.
    package init(strictJSON json: StrictJSON) throws(StrictJSONFields.NotSure) {
        self.init(reason: try StrictJSONFields(json, names: Self.names).string("reason"))
    }
}

extension ChannelResumed: StrictJSONReadable {
    /// The payload of the empty object the ledger writes; throws for anything else.
    package init(strictJSON json: StrictJSON) throws(StrictJSONFields.NotSure) {
        _ = try StrictJSONFields(json, names: [])
        self.init()
    }
}
