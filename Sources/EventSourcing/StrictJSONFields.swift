import Foundation

/// An object's members read as a `Decodable` type's synthesized conformance reads them:
/// required members must be there with the right type, optional ones may be missing or null.
///
/// Every accessor throws ``NotSure`` where `JSONDecoder` would fail or where it would need a
/// rule this reader does not have; the codec then leaves the payload to `JSONDecoder`.
package struct StrictJSONFields {
    /// This reader cannot say what `JSONDecoder` would answer.
    package struct NotSure: Error {
        /// The one reason there is.
        package init() {}
    }

    private let members: [(name: String, value: StrictJSON)]

    /// The members of `json`, which must be an object naming nothing outside `names` (a member
    /// this reader does not know might be one a newer type reads).
    package init(_ json: StrictJSON, names: Set<String>) throws(NotSure) {
        guard case .object(let members) = json, members.allSatisfy({ names.contains($0.name) }) else {
            throw NotSure()
        }
        self.members = members
    }

    /// The member `name`, nil when it is missing or null.
    private func present(_ name: String) -> StrictJSON? {
        guard let value = members.first(where: { $0.name == name })?.value else { return nil }
        if case .null = value { return nil }
        return value
    }

    /// The required member `name`, read by `read`.
    package func required<T>(_ name: String, _ read: (StrictJSON) throws(NotSure) -> T) throws(NotSure) -> T {
        guard let value = present(name) else { throw NotSure() }
        return try read(value)
    }

    /// The optional member `name`, read by `read`; nil when it is missing or null.
    package func optional<T>(_ name: String, _ read: (StrictJSON) throws(NotSure) -> T) throws(NotSure) -> T? {
        guard let value = present(name) else { return nil }
        return try read(value)
    }

    /// The required string member `name`.
    package func string(_ name: String) throws(NotSure) -> String { try required(name, Self.string) }

    /// The optional string member `name`.
    package func optionalString(_ name: String) throws(NotSure) -> String? { try optional(name, Self.string) }

    /// A string.
    package static func string(_ json: StrictJSON) throws(NotSure) -> String {
        guard case .string(let text) = json else { throw NotSure() }
        return text
    }

    /// An `Int`.
    package static func int(_ json: StrictJSON) throws(NotSure) -> Int {
        guard case .integer(let value) = json, let int = Int(exactly: value) else { throw NotSure() }
        return int
    }

    /// A UUID as `UUID`'s `Codable` conformance reads it (`UUID(uuidString:)`, whose verdict
    /// ``Foundation/UUID/init(canonical:)`` keeps while reading canonical text by its bytes).
    package static func uuid(_ json: StrictJSON) throws(NotSure) -> UUID {
        guard let uuid = UUID(canonical: try string(json)) else { throw NotSure() }
        return uuid
    }

    /// An array whose every element `element` reads.
    package static func array<T>(_ json: StrictJSON, _ element: (StrictJSON) throws(NotSure) -> T) throws(NotSure)
        -> [T]
    {
        guard case .array(let elements) = json else { throw NotSure() }
        var values: [T] = []
        values.reserveCapacity(elements.count)
        for value in elements { values.append(try element(value)) }
        return values
    }

    /// An array of strings.
    package static func strings(_ json: StrictJSON) throws(NotSure) -> [String] { try array(json, string) }

    /// An object of strings, as a `[String: String]`.
    package static func stringDictionary(_ json: StrictJSON) throws(NotSure) -> [String: String] {
        guard case .object(let members) = json else { throw NotSure() }
        var dictionary: [String: String] = [:]
        dictionary.reserveCapacity(members.count)
        for member in members { dictionary[member.name] = try string(member.value) }
        return dictionary
    }
}
