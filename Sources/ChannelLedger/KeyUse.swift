import ChannelDomain
import EventSourcing
import Foundation

/// Which subject key an event is sealed under, read from its stored payload: only an
/// `OrderReceived` names one (`personal.subject`). Only that field is decoded, at any schema version.
/// And which key an event deletes: a `CustomerForgotten` deletes its stream's customer's.
enum KeyUse {
    /// The subject whose key the event deletes, nil for any event but `CustomerForgotten`.
    static func forgottenSubject(of event: RecordedEvent) -> String? {
        guard event.type == CustomerForgotten.wireName, event.stream.category == Streams.customerCategory,
            let id = event.stream.id
        else { return nil }
        return SealedPersonalData.subject(customerId: String(id))
    }

    private struct Payload: Decodable {
        struct Personal: Decodable {
            var subject: String
            var keyId: String?
        }
        var personal: Personal?
    }

    /// The subject whose key seals part of the event, nil when none does (or the payload does not say).
    static func subject(of event: RecordedEvent) -> String? {
        use(of: event)?.subject
    }

    /// The subject and the id of the key that seals part of the event (nil id: written before keys had ids).
    static func use(of event: RecordedEvent) -> (subject: String, keyId: String?)? {
        guard event.type == OrderReceived.wireName,
            let personal = (try? JSONDecoder().decode(Payload.self, from: event.payload))?.personal
        else { return nil }
        return (personal.subject, personal.keyId)
    }
}
