import Foundation

/// Maps stable wire names to a stream's event type, in both directions.
///
/// Each payload type is registered once with the case that wraps it. Decoding an unknown
/// wire name or an unsupported schema version is a clear error, never a crash.
public struct EventCodec<Event>: Sendable {
    private typealias Decode = @Sendable (Data, JSONDecoder) throws -> Event
    /// Wraps a payload remembered from its encoding, when it is the registered type (debug
    /// builds decode its bytes too and assert the two are equal).
    private typealias Wrap = @Sendable (any EventPayload, Data, JSONDecoder) -> Event?
    /// A registered payload type: its schema version, and how its bytes or a remembered value become an event.
    private typealias Entry = (schemaVersion: Int, decode: Decode, wrap: Wrap)
    private var decoders: [String: Entry] = [:]
    /// Lifts older schema versions to the registered ones on read.
    public var upcasters = UpcasterRegistry()

    /// An empty codec; register every payload type before decoding.
    public init() {}

    /// Registers a payload type under its wire name.
    public mutating func register<P: EventPayload>(_ type: P.Type, _ wrap: @escaping @Sendable (P) -> Event) {
        precondition(decoders[P.wireName] == nil, "wire name \(P.wireName) registered twice")
        decoders[P.wireName] = (
            P.schemaVersion, { data, decoder in wrap(try Self.decode(P.self, from: data, decoder)) },
            { payload, data, decoder in
                guard let payload = payload as? P else { return nil }
                assert(
                    (try? decoder.decode(P.self, from: data)) == payload,
                    "\(P.wireName) does not decode to the value it was encoded from")
                return wrap(payload)
            }
        )
    }

    /// A payload's bytes as `P`: read by its own ``StrictJSONReadable`` reader when it has one and
    /// is sure, else (and for every error) by `decoder`. A reader reads as a plain `JSONDecoder`
    /// does, which is what ``EventCodecs/decoder()`` makes; no caller passes another.
    private static func decode<P: EventPayload>(_ type: P.Type, from data: Data, _ decoder: JSONDecoder) throws -> P {
        if let readable = P.self as? any StrictJSONReadable.Type, let json = StrictJSON(data),
            let payload = (try? readable.init(strictJSON: json)) as? P
        {
            assert(
                (try? decoder.decode(P.self, from: data)) == payload,
                "\(P.wireName)'s own reader and JSONDecoder disagree")
            return payload
        }
        return try decoder.decode(P.self, from: data)
    }

    /// Whether this codec knows a wire name.
    public func knows(_ type: String) -> Bool { decoders[type] != nil }

    /// Every registered wire name, sorted.
    public var wireNames: [String] { decoders.keys.sorted() }

    /// The current schema version of every registered wire name.
    public var schemaVersions: [String: Int] { decoders.mapValues(\.schemaVersion) }

    /// Checks the upcasters against the registered payload types (see ``UpcasterRegistry/validate(current:)``).
    public func validate() throws(UpcasterRegistryError) {
        try upcasters.validate(current: schemaVersions)
    }

    /// Decodes a recorded event's payload: the one this process encoded it from, when the event
    /// is one it made recently (``PayloadMemo``) at the current schema version, else from its bytes.
    public func decode(_ event: RecordedEvent, using decoder: JSONDecoder = EventCodecs.decoder()) throws -> Event {
        try decode(event, using: decoder, memo: EventCodecs.recentPayloads)
    }

    /// Decodes a recorded event's payload, looking in `memo` first.
    func decode(_ event: RecordedEvent, using decoder: JSONDecoder, memo: PayloadMemo) throws -> Event {
        guard let entry = decoders[event.type] else { throw EventCodecError.unknownType(event.type) }
        if event.schemaVersion == entry.schemaVersion,
            let payload = memo.value(event.id, for: event.payload),
            let known = entry.wrap(payload, event.payload, decoder)
        {
            return known
        }
        return try decode(entry, type: event.type, schemaVersion: event.schemaVersion, payload: event.payload, decoder)
    }

    /// Decodes a payload given its wire name and schema version.
    public func decode(
        type: String, schemaVersion: Int, payload: Data, using decoder: JSONDecoder = EventCodecs.decoder()
    ) throws -> Event {
        guard let entry = decoders[type] else { throw EventCodecError.unknownType(type) }
        return try decode(entry, type: type, schemaVersion: schemaVersion, payload: payload, decoder)
    }

    /// Decodes a payload of the registered type `entry`, lifted from its schema version first.
    private func decode(
        _ entry: Entry, type: String, schemaVersion: Int, payload: Data, _ decoder: JSONDecoder
    ) throws -> Event {
        guard schemaVersion >= 1, schemaVersion <= entry.schemaVersion else {
            throw EventCodecError.unsupportedSchemaVersion(
                type: type, found: schemaVersion, supported: entry.schemaVersion)
        }
        do {
            let current = try upcasters.upcast(payload, type: type, from: schemaVersion, to: entry.schemaVersion)
            return try entry.decode(current, decoder)
        } catch let error as EventCodecError {
            throw error
        } catch {
            throw EventCodecError.malformedPayload(type: type, reason: String(describing: error))
        }
    }
}

/// Why a payload could not be decoded.
public enum EventCodecError: Error, Equatable, CustomStringConvertible {
    /// The log holds a wire name that no registered payload type has.
    case unknownType(String)
    /// The stored schema version is not the one the registered payload type reads.
    case unsupportedSchemaVersion(type: String, found: Int, supported: Int)
    /// The payload bytes do not decode as the registered type; `reason` is the decoder's error.
    case malformedPayload(type: String, reason: String)

    /// One line naming the event type and what does not fit. (The CLI adds the fix.)
    public var description: String {
        switch self {
        case .unknownType(let type):
            "the log holds an event of type \(type), which this version of channel-ledger does not know"
        case .unsupportedSchemaVersion(let type, let found, let supported):
            found > supported
                ? "event type \(type) has schema version \(found) but this version reads up to \(supported)"
                : "event type \(type) has schema version \(found) and this build has no upcaster to \(supported)"
        case .malformedPayload(let type, _):
            "a stored \(type) payload could not be decoded"
        }
    }
}
