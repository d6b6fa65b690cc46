import EventSourcing

// The channel events a busy channel repeats (a log of suspensions, resumptions and renames is
// what the time-travel folds and a channel-heavy rebuild read), read as their synthesized
// `Decodable` conformances read them, or left to `JSONDecoder`.

extension ChannelRenamed: StrictJSONReadable {
    private static let names: Set<String> = ["from", "to"]

    /// The payload, or nil when the JSON is anything its reader is not sure of.
    package init?(strictJSON json: StrictJSON) {
        guard
            let payload = StrictJSONFields.attempt({ () throws(StrictJSONFields.NotSure) in
                let fields = try StrictJSONFields(json, names: Self.names)
                return ChannelRenamed(from: try fields.string("from"), to: try fields.string("to"))
            })
        else { return nil }
        self = payload
    }
}

extension ChannelSuspended: StrictJSONReadable {
    private static let names: Set<String> = ["reason"]

    /// The payload, or nil when the JSON is anything its reader is not sure of.
    package init?(strictJSON json: StrictJSON) {
        guard
            let payload = StrictJSONFields.attempt({ () throws(StrictJSONFields.NotSure) in
                ChannelSuspended(reason: try StrictJSONFields(json, names: Self.names).string("reason"))
            })
        else { return nil }
        self = payload
    }
}

extension ChannelResumed: StrictJSONReadable {
    /// The payload of the empty object the ledger writes; nil for anything else.
    package init?(strictJSON json: StrictJSON) {
        guard case .object(let members) = json, members.isEmpty else { return nil }
        self.init()
    }
}
