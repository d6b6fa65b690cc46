import Foundation

/// The JSON-lines export format: a header line, then one envelope per line, exactly as stored,
/// with a key line (``KeyLine``) before the first event sealed under each subject key (version 2).
///
/// Payloads travel as the exact text of their stored bytes (ciphertext stays ciphertext), times
/// as integer milliseconds and hashes as hex, so an import recomputes every hash from the same
/// bytes and a round trip gives an identical log. See Docs/event-format.md.
public enum LogExport {
    /// The header's `format` value, so an import recognises its files.
    public static let format = "channel-ledger-export"
    /// The version of this line format, the one an export writes: 2 adds key lines.
    public static let version = 2
    /// The versions an import reads: 1 (events only) and 2 (events and key lines).
    public static let readableVersions: ClosedRange<Int> = 1...2

    /// The first line: what follows and where it chains from.
    public struct Header: Codable, Equatable, Sendable {
        /// Always ``LogExport/format``.
        public var format: String
        /// The line format's version.
        public var version: Int
        /// The position of the first event that follows (the one after `--since`).
        public var from: Int64
        /// The hash of the event before `from` (the genesis value when `from` is 1).
        public var previousHash: String
        /// The position of the last event that follows (`from - 1` when none does).
        public var to: Int64
        /// The hash of that last event, so a file cut short at a line boundary is recognised.
        public var lastHash: String
        /// When the export was written.
        public var exportedAt: Timestamp

        /// A header for the events after `previous` up to `last`.
        public init(after previous: LogHead, through last: LogHead, exportedAt: Timestamp) {
            self.format = LogExport.format
            self.version = LogExport.version
            self.from = previous.position + 1
            self.previousHash = previous.hash.hexString
            self.to = last.position
            self.lastHash = last.hash.hexString
            self.exportedAt = exportedAt
        }
    }

    /// One event line.
    public struct Line: Codable, Equatable, Sendable {
        var position: Int64
        var eventId: String
        var stream: String
        var version: Int64
        var type: String
        var schemaVersion: Int
        var recordedAt: Int64
        var actor: String
        var correlationId: String?
        var causationId: String?
        var source: String
        var payload: String?
        var payloadBase64: String?
        var hash: String

        /// The line for a recorded event.
        public init(_ event: RecordedEvent) {
            position = event.position
            eventId = event.id.uuidString.lowercased()
            stream = event.stream.rawValue
            version = event.version
            type = event.type
            schemaVersion = event.schemaVersion
            recordedAt = event.recordedAt.millisecondsSince1970
            actor = event.metadata.actor
            correlationId = event.metadata.correlationID?.uuidString.lowercased()
            causationId = event.metadata.causationID?.uuidString.lowercased()
            source = event.metadata.source
            if let text = String(data: event.payload, encoding: .utf8), Data(text.utf8) == event.payload {
                payload = text
            } else {
                payloadBase64 = event.payload.base64EncodedString()
            }
            hash = event.hash.hexString
        }

        /// The line an object read without `JSONDecoder` holds, when it holds every required field
        /// with its type and nothing but a string or null in the optional ones; nil otherwise
        /// (`JSONDecoder` then decides).
        init?(_ object: FlatJSONObject) {
            guard let position = object.integer("position"), let eventId = object.string("eventId"),
                let stream = object.string("stream"), let version = object.integer("version"),
                let type = object.string("type"), let schemaVersion = object.integer("schemaVersion"),
                let schema = Int(exactly: schemaVersion), let recordedAt = object.integer("recordedAt"),
                let actor = object.string("actor"), let source = object.string("source"),
                let hash = object.string("hash")
            else { return nil }
            func optional(_ name: String) -> String?? {
                object.isAbsent(name) ? .some(nil) : object.string(name).map { .some($0) }
            }
            guard let correlationId = optional("correlationId"), let causationId = optional("causationId"),
                let payload = optional("payload"), let payloadBase64 = optional("payloadBase64")
            else { return nil }
            self.position = position
            self.eventId = eventId
            self.stream = stream
            self.version = version
            self.type = type
            self.schemaVersion = schema
            self.recordedAt = recordedAt
            self.actor = actor
            self.correlationId = correlationId
            self.causationId = causationId
            self.source = source
            self.payload = payload
            self.payloadBase64 = payloadBase64
            self.hash = hash
        }

        /// The recorded event the line describes.
        public func event() throws -> RecordedEvent {
            guard let hashBytes = Data(hex: hash), hashBytes.count == 32 else {
                throw LogExportError.malformed("its hash is not 64 hex digits")
            }
            guard let id = UUID(canonical: eventId) else {
                throw LogExportError.malformed("its eventId is not a UUID")
            }
            let correlation = try correlationId.map { text in
                guard let id = UUID(canonical: text) else {
                    throw LogExportError.malformed("its correlationId is not a UUID")
                }
                return id
            }
            let causation = try causationId.map { text in
                guard let id = UUID(canonical: text) else {
                    throw LogExportError.malformed("its causationId is not a UUID")
                }
                return id
            }
            let bytes: Data
            if let payload {
                var text = payload
                bytes = text.withUTF8 { Data($0) }
            } else if let payloadBase64, let decoded = Data(base64Encoded: payloadBase64) {
                bytes = decoded
            } else {
                throw LogExportError.malformed("it has no payload")
            }
            return RecordedEvent(
                id: id, stream: try StreamName(stream), version: version, position: position, type: type,
                schemaVersion: schemaVersion, recordedAt: Timestamp(millisecondsSince1970: recordedAt),
                payload: bytes,
                metadata: EventMetadata(
                    actor: actor, correlationID: correlation, causationID: causation, source: source),
                hash: hashBytes)
        }
    }

    /// One subject key, on its own line just before the first event of the file sealed under it:
    /// `{"key":{"sealed":"<base64>","subject":"customer:…"}}`. Keys are outside the hash chain,
    /// so a key line has no position and no hash.
    public struct KeyLine: Codable, Equatable, Sendable {
        struct Key: Codable, Equatable, Sendable {
            var subject: String
            var sealed: String
        }
        var key: Key

        /// The line for a stored subject key.
        public init(_ key: SubjectKey) {
            self.key = Key(subject: key.subject, sealed: key.sealed.base64EncodedString())
        }

        /// The subject key the line carries.
        public func subjectKey() throws -> SubjectKey {
            guard !key.subject.isEmpty else { throw LogExportError.malformed("its key names no subject") }
            guard let sealed = Data(base64Encoded: key.sealed), !sealed.isEmpty else {
                throw LogExportError.malformed("its key for \(key.subject) is not base64")
            }
            return SubjectKey(subject: key.subject, sealed: sealed)
        }
    }

    /// A line after the header: an event, or (from version 2) a subject key.
    public enum Entry: Equatable, Sendable {
        /// An event line.
        case event(RecordedEvent)
        /// A key line.
        case key(SubjectKey)
    }

    /// Encodes a header or line as one line of JSON (sorted keys, no newline inside).
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value) + Data("\n".utf8)
    }

    /// Decodes the header line; throws when the text is not one.
    public static func header(_ line: Data) throws -> Header {
        guard let header = try? JSONDecoder().decode(Header.self, from: line), header.format == format else {
            throw LogExportError.notAnExport
        }
        guard readableVersions.contains(header.version) else {
            throw LogExportError.unsupportedVersion(header.version)
        }
        return header
    }

    /// Decodes one line after the header of a file of line format `version`. From version 2, a line
    /// whose object has a top-level `key` field is a key line; every other line is an event line.
    public static func entry(_ line: Data, version: Int) throws -> Entry {
        // Event lines as exports write them, read without `JSONDecoder`; any other line takes the path below.
        if let object = FlatJSONObject(line), object.value("key") == nil, let decoded = Line(object) {
            return .event(try decoded.event())
        }
        guard version >= 2, (try? JSONDecoder().decode(Shape.self, from: line))?.isKeyLine == true else {
            return .event(try decodedEvent(line))
        }
        let decoded: KeyLine
        do {
            decoded = try JSONDecoder().decode(KeyLine.self, from: line)
        } catch {
            throw LogExportError.malformed("it is not a key line of this format (a subject and a base64 sealed key)")
        }
        return .key(try decoded.subjectKey())
    }

    /// Whether a line's object has a top-level `key` field, whatever its value.
    private struct Shape: Decodable {
        enum CodingKeys: String, CodingKey { case key }
        var isKeyLine: Bool

        init(from decoder: any Decoder) throws {
            isKeyLine = try decoder.container(keyedBy: CodingKeys.self).contains(.key)
        }
    }

    /// Decodes one event line.
    public static func event(_ line: Data) throws -> RecordedEvent {
        if let object = FlatJSONObject(line), let decoded = Line(object) { return try decoded.event() }
        return try decodedEvent(line)
    }

    /// Decodes one event line with `JSONDecoder` (the line `FlatJSONObject` left, or one whose
    /// reading it already tried).
    private static func decodedEvent(_ line: Data) throws -> RecordedEvent {
        let decoded: Line
        do {
            decoded = try JSONDecoder().decode(Line.self, from: line)
        } catch {
            throw LogExportError.malformed("it is not an event line of this format")
        }
        return try decoded.event()
    }
}

/// Why an export file cannot be read.
public enum LogExportError: Error, Equatable, CustomStringConvertible {
    /// The first line is not a channel-ledger export header.
    case notAnExport
    /// The file was written in a newer line format.
    case unsupportedVersion(Int)
    /// A line cannot be read as an event.
    case malformed(String)

    /// One line naming the problem.
    public var description: String {
        switch self {
        case .notAnExport: "the file is not a channel-ledger export (its first line is no export header)"
        case .unsupportedVersion(let version):
            "the export has line format \(version), which this version cannot read; upgrade channel-ledger"
        case .malformed(let reason): reason
        }
    }
}
