import Foundation

/// Lifts one event type's payload from one schema version to the next, on read.
///
/// Stored bytes never change (the hash covers them); an upcaster rewrites the decoded JSON
/// object before the current payload type decodes it, for example adding a field whose value
/// old events imply.
public struct Upcaster: Sendable {
    /// The wire name whose payloads it lifts.
    public let type: String
    /// The schema version it reads.
    public let from: Int
    /// The schema version it produces; always `from + 1` in a valid registry.
    public let to: Int
    private let body: @Sendable (inout [String: Any]) throws -> Void

    /// An upcaster of `type` from schema `from` to `to`, rewriting the payload's JSON object in place.
    public init(_ type: String, from: Int, to: Int, _ body: @escaping @Sendable (inout [String: Any]) throws -> Void) {
        self.type = type
        self.from = from
        self.to = to
        self.body = body
    }

    /// Applies the upcaster to a JSON object.
    func apply(_ object: inout [String: Any]) throws {
        try body(&object)
    }
}

/// The upcasters of a codec, one chain per event type from schema 1 to the current version.
public struct UpcasterRegistry: Sendable {
    private var chains: [String: [Int: Upcaster]] = [:]
    private var all: [Upcaster] = []

    /// A registry of upcasters (checked by ``validate(current:)``, not here).
    public init(_ upcasters: [Upcaster] = []) {
        all = upcasters
        for upcaster in upcasters { chains[upcaster.type, default: [:]][upcaster.from] = upcaster }
    }

    /// Checks the registry against the current schema version of each type: every type has exactly
    /// one upcaster from each version below its current one, each going one step up (no gap, no
    /// duplicate, no cycle), and none for a type or version the codec does not have.
    public func validate(current: [String: Int]) throws(UpcasterRegistryError) {
        var seen: Set<String> = []
        for upcaster in all {
            let key = "\(upcaster.type)@\(upcaster.from)"
            guard seen.insert(key).inserted else { throw .duplicate(type: upcaster.type, from: upcaster.from) }
            guard upcaster.to > upcaster.from else {
                throw .cycle(type: upcaster.type, from: upcaster.from, to: upcaster.to)
            }
            guard upcaster.to == upcaster.from + 1 else {
                throw .skips(type: upcaster.type, from: upcaster.from, to: upcaster.to)
            }
            guard let latest = current[upcaster.type] else { throw .unknownType(upcaster.type) }
            guard upcaster.from >= 1 else { throw .startsBelowOne(type: upcaster.type, from: upcaster.from) }
            guard upcaster.to <= latest else {
                throw .beyondCurrent(type: upcaster.type, to: upcaster.to, current: latest)
            }
        }
        for (type, latest) in current.sorted(by: { $0.key < $1.key }) {
            for version in 1..<max(1, latest) where chains[type]?[version] == nil {
                throw .gap(type: type, missing: version, current: latest)
            }
        }
    }

    /// Lifts a payload of `type` from schema `from` to `to`; the bytes are unchanged when `from == to`.
    public func upcast(_ payload: Data, type: String, from: Int, to: Int) throws -> Data {
        guard from < to else { return payload }
        guard var object = try JSONSerialization.jsonObject(with: payload) as? [String: Any] else {
            throw EventCodecError.malformedPayload(type: type, reason: "not a JSON object")
        }
        for version in from..<to {
            guard let upcaster = chains[type]?[version] else {
                throw EventCodecError.unsupportedSchemaVersion(type: type, found: from, supported: to)
            }
            try upcaster.apply(&object)
        }
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }
}

/// Why a registry of upcasters is refused at start-up.
public enum UpcasterRegistryError: Error, Equatable, CustomStringConvertible {
    /// No upcaster lifts a type from a version below its current one.
    case gap(type: String, missing: Int, current: Int)
    /// Two upcasters lift the same type from the same version.
    case duplicate(type: String, from: Int)
    /// An upcaster goes back (or nowhere), which would loop.
    case cycle(type: String, from: Int, to: Int)
    /// An upcaster jumps more than one version.
    case skips(type: String, from: Int, to: Int)
    /// An upcaster names a type the codec does not register.
    case unknownType(String)
    /// An upcaster reads a schema version below 1, which no event has.
    case startsBelowOne(type: String, from: Int)
    /// An upcaster goes past the type's current version.
    case beyondCurrent(type: String, to: Int, current: Int)

    /// One line naming the type and versions.
    public var description: String {
        switch self {
        case .gap(let type, let missing, let current):
            "no upcaster lifts \(type) from schema \(missing) (its current schema is \(current))"
        case .duplicate(let type, let from):
            "two upcasters lift \(type) from schema \(from)"
        case .cycle(let type, let from, let to):
            "the upcaster of \(type) from schema \(from) goes to \(to), which is not later: upcasters would loop"
        case .skips(let type, let from, let to):
            "the upcaster of \(type) from schema \(from) jumps to \(to); each upcaster lifts one version"
        case .unknownType(let type):
            "an upcaster lifts \(type), which no payload type registers"
        case .startsBelowOne(let type, let from):
            "an upcaster lifts \(type) from schema \(from); schema versions start at 1"
        case .beyondCurrent(let type, let to, let current):
            "an upcaster lifts \(type) to schema \(to), past its current schema \(current)"
        }
    }
}
