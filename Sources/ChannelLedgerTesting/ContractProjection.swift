import EventSourcing
import Foundation

/// The inline projection the store contract runs: a counter document per stream and a
/// unique name claimed per stream.
///
/// `ContractCounted` adds one; `ContractNamed` (payload `{"name":…}`) adds one and moves the
/// stream's claim to the new name; `ContractCleared` deletes the document and releases the
/// name; `ContractFailed` throws ``Failure``.
public struct ContractProjection: Projection {
    /// The counter documents' model name.
    public static let model = "contract-counters"
    /// The claim kind for names.
    public static let nameKind = "contract-name"
    /// Wire names this projection handles.
    public static let counted = "ContractCounted", named = "ContractNamed", cleared = "ContractCleared"
    /// The wire name whose events make the projection throw.
    public static let failing = "ContractFailed"

    /// The document kept per stream.
    public struct Counter: Codable, Equatable, Sendable {
        /// How many events of the stream the projection has counted.
        public var count: Int
        /// The name the stream claims now, if any.
        public var name: String?

        /// Creates a counter document.
        public init(count: Int, name: String? = nil) {
            self.count = count
            self.name = name
        }
    }

    /// The error a `ContractFailed` event raises.
    public struct Failure: Error, Equatable {
        /// The position of the `ContractFailed` event that threw.
        public let position: Int64
    }

    /// The projection's name, under which its checkpoint is kept.
    public let name: String
    /// The projection's version, as its checkpoint records it.
    public let version: Int
    /// The counter documents.
    public var models: [String] { [Self.model] }
    /// The name claims.
    public var claimKinds: [String] { [Self.nameKind] }

    /// A projection under a name and a version.
    public init(name: String = "contract", version: Int = 1) {
        self.name = name
        self.version = version
    }

    /// Whether the wire name is one of the contract's four.
    public func handles(_ type: String) -> Bool {
        [Self.counted, Self.named, Self.cleared, Self.failing].contains(type)
    }

    /// Counts, names, clears or fails, by the event's wire name.
    public func apply(_ event: RecordedEvent, to models: any ReadModelWriter) throws {
        let key = event.stream.rawValue
        var counter = try models.document(Self.model, key: key).map { try JSONDecoder().decode(Counter.self, from: $0) }
        switch event.type {
        case Self.failing:
            throw Failure(position: event.position)
        case Self.cleared:
            if let name = counter?.name { try models.release(Self.nameKind, value: name, owner: key) }
            try models.setDocument(Self.model, key: key, to: nil)
            return
        case Self.named:
            let name = try JSONDecoder().decode([String: String].self, from: event.payload)["name"] ?? ""
            if let old = counter?.name, old != name { try models.release(Self.nameKind, value: old, owner: key) }
            try models.claim(Self.nameKind, value: name, owner: key)
            counter = Counter(count: (counter?.count ?? 0) + 1, name: name)
        default:
            counter = Counter(count: (counter?.count ?? 0) + 1, name: counter?.name)
        }
        try models.setDocument(Self.model, key: key, to: try EventCodecs.encoder().encode(counter))
    }

    /// A projection that handles no event: its checkpoint still follows the head.
    public struct Idle: Projection {
        /// The projection's name, under which its checkpoint is kept.
        public let name: String
        /// The projection's version, as its checkpoint records it.
        public let version: Int
        /// None: it writes nothing.
        public var models: [String] { [] }
        /// None: it claims nothing.
        public var claimKinds: [String] { [] }

        /// An idle projection under a name and a version.
        public init(name: String = "contract-idle", version: Int = 3) {
            self.name = name
            self.version = version
        }

        /// Never: an idle projection handles no event.
        public func handles(_ type: String) -> Bool { false }
        /// Does nothing; it is never called.
        public func apply(_ event: RecordedEvent, to models: any ReadModelWriter) throws {}
    }

    /// The counter document of a stream, if any.
    public static func counter(of stream: StreamName, in reader: any ReadModelReader) async throws -> Counter? {
        try await reader.document(model, key: stream.rawValue).map { try JSONDecoder().decode(Counter.self, from: $0) }
    }

    /// The payload of a `ContractNamed` event.
    public static func namePayload(_ name: String) -> Data {
        (try? EventCodecs.encoder().encode(["name": name])) ?? Data()
    }
}
