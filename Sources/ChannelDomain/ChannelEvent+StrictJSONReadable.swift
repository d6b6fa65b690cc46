import EventSourcing

// The channel events a busy channel repeats (a log of suspensions, resumptions and renames is
// what the time-travel folds and a channel-heavy rebuild read), read as their synthesized
// `Decodable` conformances read them, or left to `JSONDecoder`.

extension ChannelRenamed: StrictJSONReadable {
    /// The payload, or nil when the JSON is anything its reader is not sure of.
    package init?(strictJSON json: StrictJSON) {
        do throws(StrictJSONFields.NotSure) {
            let fields = try StrictJSONFields(json, names: ["from", "to"])
            self.init(from: try fields.string("from"), to: try fields.string("to"))
        } catch {
            return nil
        }
    }
}

extension ChannelSuspended: StrictJSONReadable {
    /// The payload, or nil when the JSON is anything its reader is not sure of.
    package init?(strictJSON json: StrictJSON) {
        do throws(StrictJSONFields.NotSure) {
            self.init(reason: try StrictJSONFields(json, names: ["reason"]).string("reason"))
        } catch {
            return nil
        }
    }
}

extension ChannelResumed: StrictJSONReadable {
    /// The payload of the empty object the ledger writes; nil for anything else.
    package init?(strictJSON json: StrictJSON) {
        guard (try? StrictJSONFields(json, names: [])) != nil else { return nil }
        self.init()
    }
}
