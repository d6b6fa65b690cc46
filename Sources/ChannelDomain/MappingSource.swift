import EventSourcing

/// Where a Salesforce field takes its value from: a path into the Buy with Prime order, or a literal.
///
/// A path is `$` followed by segments `.identifier`, each optionally followed by `[]` (every element
/// of a list), for example `$.lineItems[].amount.value`. A literal is single-quoted, for example
/// `'Draft'`, and its body is non-empty and holds no single quote. Encodes as a plain JSON string.
public struct MappingSource: Codable, Sendable, Hashable {
    /// The source exactly as written.
    public let raw: String

    /// Parses a source, or throws ``DomainError/invalidMappingSource(_:)``.
    public init(parsing raw: String) throws {
        guard Self.kind(of: raw) != nil else { throw DomainError.invalidMappingSource(raw) }
        self.raw = raw
    }

    /// Wraps a string without checking it; only for compiled-in constants that the tests parse.
    init(unchecked raw: String) {
        self.raw = raw
    }

    /// Decodes a source from a plain JSON string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard Self.isValid(raw) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "invalid mapping source \(raw)")
        }
        self.raw = raw
    }

    /// Encodes the source as a plain JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(raw)
    }

    /// What the source reads: a path or a literal.
    public var kind: Kind {
        // `raw` was checked when the value was made.
        Self.kind(of: raw) ?? .literal(raw)
    }

    /// The two forms of a source.
    public enum Kind: Sendable, Hashable {
        /// A path into the order, segment by segment.
        case path([PathSegment])
        /// A constant value (the body between the quotes).
        case literal(String)
    }

    /// One `.identifier` or `.identifier[]` step of a path.
    public struct PathSegment: Sendable, Hashable {
        /// The property name.
        public let name: String
        /// Whether the step walks every element of a list (`[]`).
        public let isArray: Bool

        /// Creates a segment.
        public init(name: String, isArray: Bool) {
            self.name = name
            self.isArray = isArray
        }
    }

    /// Sources already found valid. Every channel's summary holds the same few sources (the
    /// catalog's and those people configure), so a read model of a thousand channels parses each
    /// once, not once a channel; parsing them was a sixth of an `--as-of` fold of such a model.
    private static let valid = Locked<Set<String>>([])

    /// Whether `raw` parses as a source, remembered for the first 1,024 valid ones.
    static func isValid(_ raw: String) -> Bool {
        if valid.withLock({ $0.contains(raw) }) { return true }
        guard kind(of: raw) != nil else { return false }
        valid.withLock { if $0.count < 1_024 { $0.insert(raw) } }
        return true
    }

    static func kind(of raw: String) -> Kind? {
        let scalars = Array(raw.unicodeScalars)
        guard let first = scalars.first else { return nil }
        if first == "'" {
            guard scalars.count >= 3, scalars.last == "'" else { return nil }
            let body = scalars[1..<(scalars.count - 1)]
            guard !body.contains("'") else { return nil }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: body)
            return .literal(String(text))
        }
        guard first == "$" else { return nil }
        var segments: [PathSegment] = []
        var index = 1
        while index < scalars.count {
            guard scalars[index] == "." else { return nil }
            index += 1
            let start = index
            while index < scalars.count, Identifier.isBody(scalars[index], first: index == start) {
                index += 1
            }
            guard index > start else { return nil }
            var name = String.UnicodeScalarView()
            name.append(contentsOf: scalars[start..<index])
            var isArray = false
            if index < scalars.count, scalars[index] == "[" {
                guard index + 1 < scalars.count, scalars[index + 1] == "]" else { return nil }
                isArray = true
                index += 2
            }
            segments.append(PathSegment(name: String(name), isArray: isArray))
        }
        return segments.isEmpty ? nil : .path(segments)
    }
}

extension MappingSource: CustomStringConvertible {
    /// The source as written.
    public var description: String { raw }
}

/// ASCII identifier rules shared by paths, Salesforce fields and objects.
enum Identifier {
    /// Whether a scalar may appear in a path identifier (`[A-Za-z_][A-Za-z0-9_]*`).
    static func isBody(_ scalar: Unicode.Scalar, first: Bool) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "_": true
        case "0"..."9": !first
        default: false
        }
    }

    /// Whether a string is a Salesforce API name: `[A-Za-z][A-Za-z0-9_]*`, at most 80 characters.
    static func isSalesforceName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, scalars.count <= 80 else { return false }
        guard ("A"..."Z").contains(first) || ("a"..."z").contains(first) else { return false }
        return scalars.allSatisfy { isBody($0, first: false) }
    }
}
