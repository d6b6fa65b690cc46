import Foundation

/// The one validator for text a user types: trimmed, then checked against a rule's limits.
///
/// Each kind of text is a rule: a channel ``name`` (inner spaces allowed, at most 80 characters,
/// not a UUID, kept in NFC), an ``identifier`` such as a Buy with Prime client or target ID (no
/// whitespace, at most 200 characters) and a connected app ``key`` (no whitespace, no length limit).
public struct TextRule: Sendable, Equatable {
    /// Whether whitespace may appear inside the text (it is always trimmed from the ends).
    public var allowsInnerWhitespace: Bool
    /// The longest text accepted, in characters, or nil for no limit.
    public var maximumLength: Int?
    /// Whether text that parses as a UUID is refused (it would be ambiguous with lookup by id).
    public var refusesUUID: Bool
    /// Whether the text is kept in Unicode normalization form C.
    public var composesUnicode: Bool

    /// A rule; by default whitespace-free text of any length.
    public init(
        allowsInnerWhitespace: Bool = false, maximumLength: Int? = nil, refusesUUID: Bool = false,
        composesUnicode: Bool = false
    ) {
        self.allowsInnerWhitespace = allowsInnerWhitespace
        self.maximumLength = maximumLength
        self.refusesUUID = refusesUUID
        self.composesUnicode = composesUnicode
    }

    /// A channel's display name.
    public static let name = TextRule(
        allowsInnerWhitespace: true, maximumLength: 80, refusesUUID: true, composesUnicode: true)
    /// An account's client or target ID.
    public static let identifier = TextRule(maximumLength: 200)
    /// The connected app's consumer key.
    public static let key = TextRule()

    /// The accepted form of `raw` (trimmed, and composed if the rule says so), or its first problem:
    /// empty, whitespace, control characters, length, then UUID.
    public func check(_ raw: String) -> Result<String, InputProblem> {
        let composed = composesUnicode ? raw.precomposedStringWithCanonicalMapping : raw
        let text = composed.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return .failure(.empty) }
        if !allowsInnerWhitespace, text.unicodeScalars.contains(where: CharacterSet.whitespacesAndNewlines.contains) {
            return .failure(.whitespace)
        }
        if text.unicodeScalars.contains(where: CharacterSet.controlCharacters.contains) {
            return .failure(.controlCharacters)
        }
        if let maximumLength, text.count > maximumLength { return .failure(.tooLong(limit: maximumLength)) }
        if refusesUUID, UUID(uuidString: text) != nil { return .failure(.looksLikeUUID) }
        return .success(text)
    }
}
