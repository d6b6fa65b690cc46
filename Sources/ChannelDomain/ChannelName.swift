import Foundation

/// Rules for channel names: the display form and the key that makes names unique.
public enum ChannelName {
    /// The longest display name accepted, in characters.
    public static let maximumLength = 80

    /// The key reserved for the channel an upgrade creates.
    public static let reservedKey = "default"

    /// The uniqueness key of a name: NFC, trimmed, case-folded.
    public static func key(_ raw: String) -> String {
        raw.precomposedStringWithCanonicalMapping
            .trimmingCharacters(in: .whitespacesAndNewlines)
            .folding(options: [.caseInsensitive], locale: nil)
            .precomposedStringWithCanonicalMapping
    }

    /// The display form of a name (trimmed, NFC), or a thrown ``DomainError`` when it is not acceptable.
    public static func validated(_ raw: String) throws -> String {
        let name = raw.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw DomainError.invalidChannelName(name: raw, problem: .empty) }
        guard name.count <= maximumLength else {
            throw DomainError.invalidChannelName(name: name, problem: .tooLong(limit: maximumLength))
        }
        guard !name.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
            throw DomainError.invalidChannelName(name: name, problem: .controlCharacters)
        }
        guard UUID(uuidString: name) == nil else {
            throw DomainError.invalidChannelName(name: name, problem: .looksLikeUUID)
        }
        return name
    }
}
