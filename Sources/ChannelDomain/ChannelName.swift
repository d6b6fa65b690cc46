import Foundation

/// Rules for channel names: the display form and the key that makes names unique.
public enum ChannelName {
    /// The key reserved for the channel an upgrade creates.
    public static let reservedKey = "default"
    /// The name the upgrade gives that channel.
    public static let defaultName = "Default"

    /// The uniqueness key of a name: NFC, trimmed, case-folded.
    public static func key(_ raw: String) -> String {
        raw.precomposedStringWithCanonicalMapping
            .trimmingCharacters(in: .whitespacesAndNewlines)
            .folding(options: [.caseInsensitive], locale: nil)
            .precomposedStringWithCanonicalMapping
    }

    /// The display form of a name (trimmed, NFC), or a thrown ``DomainError`` when it is not acceptable.
    public static func validated(_ raw: String) throws -> String {
        switch TextRule.name.check(raw) {
        case .success(let name): return name
        case .failure(let problem):
            let shown = raw.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
            throw DomainError.invalidChannelName(name: problem == .empty ? raw : shown, problem: problem)
        }
    }
}
