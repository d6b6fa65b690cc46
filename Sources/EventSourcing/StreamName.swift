/// The name of a stream: `category` or `category:id`, e.g. `channel:0192f3…` or `connected-app`.
///
/// Categories are lower-case words joined by hyphens; the id is any non-empty text without
/// whitespace. Reading history by category (`channel`) relies on this shape.
public struct StreamName: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The full name as stored, e.g. `channel:0192f3…`.
    public let rawValue: String

    /// Parses and validates a stream name.
    public init(_ rawValue: String) throws(StreamNameError) {
        // Names are ASCII in practice (an import reads a million): checked by their bytes.
        if let valid = Self.isValidASCII(rawValue.utf8) {
            guard valid else { throw .invalid(rawValue) }
            self.rawValue = rawValue
            return
        }
        guard Self.isValidByCharacters(rawValue) else { throw .invalid(rawValue) }
        self.rawValue = rawValue
    }

    /// A stream of a category with an id.
    public init(category: String, id: String) {
        self.rawValue = "\(category):\(id)"
    }

    /// The category: the part before the first colon.
    public var category: Substring {
        guard let colon = rawValue.utf8.firstIndex(of: UInt8(ascii: ":")) else { return rawValue[...] }
        return rawValue[..<colon]
    }

    /// The id: the part after the first colon, if any.
    public var id: Substring? {
        guard let colon = rawValue.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        return rawValue[rawValue.utf8.index(after: colon)...]
    }

    /// The full name, as stored.
    public var description: String { rawValue }

    /// Orders stream names by their raw text.
    public static func < (lhs: StreamName, rhs: StreamName) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Whether an all-ASCII name is valid, by the rules of ``init(_:)`` (for ASCII, a character is a
    /// byte; lower-case is a–z, a number 0–9, whitespace and newlines are 0x09–0x0D and the space);
    /// nil when the name has another byte, for the general check.
    static func isValidASCII(_ bytes: String.UTF8View) -> Bool? {
        var inCategory = true
        var categoryLength = 0
        var idLength = 0
        for byte in bytes {
            guard byte < 0x80 else { return nil }
            if inCategory {
                switch byte {
                case UInt8(ascii: ":"):
                    inCategory = false
                    continue
                case UInt8(ascii: "a")...UInt8(ascii: "z"): break
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                    if categoryLength == 0 { return false }
                default: return false
                }
                categoryLength += 1
            } else {
                if byte == 0x20 || (0x09...0x0D).contains(byte) { return false }
                idLength += 1
            }
        }
        return categoryLength > 0 && (inCategory || (1...200).contains(idLength))
    }

    /// Whether a name is valid, checked by its characters: a category, then optionally a colon
    /// and an id of 1 to 200 characters without whitespace or newlines.
    static func isValidByCharacters(_ rawValue: String) -> Bool {
        let parts = rawValue.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard let category = parts.first, isCategory(category) else { return false }
        guard parts.count == 2 else { return true }
        let id = parts[1]
        return !id.isEmpty && id.count <= 200 && !id.contains(where: { $0.isWhitespace || $0.isNewline })
    }

    private static func isCategory(_ text: Substring) -> Bool {
        guard let first = text.first, first.isASCII, first.isLowercase else { return false }
        return text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }
}

/// A stream name that does not have the `category:id` shape.
public enum StreamNameError: Error, Equatable, CustomStringConvertible {
    /// The text given, which is not a valid stream name.
    case invalid(String)

    /// One line quoting the bad name and showing the accepted shapes.
    public var description: String {
        switch self {
        case .invalid(let name):
            "\"\(name)\" is not a stream name; use category or category:id, e.g. channel:<uuid> or connected-app"
        }
    }
}
