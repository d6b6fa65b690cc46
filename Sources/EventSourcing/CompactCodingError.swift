/// Why a compact encoding could not be made or read.
public enum CompactCodingError: Error, Equatable, CustomStringConvertible {
    /// The bytes end, or hold something else, where a value of `expected` should be.
    case corrupted(expected: String, offset: Int)
    /// A keyed container has no entry for `key`.
    case keyNotFound(String)
    /// A value does not fit the integer type asked for.
    case outOfRange(String)
    /// A value was written to a container after a later sibling was begun (synthesized `Codable`
    /// never does this); the format writes containers one after the other.
    case interleavedContainers
    /// A container larger than 4 GiB.
    case tooLarge
    /// A `Codable` feature the format does not carry (`superEncoder`, a value that encodes two
    /// containers): the read models do not use them.
    case unsupported(String)

    /// One line naming what was wrong and where.
    public var description: String {
        switch self {
        case .corrupted(let expected, let offset): "compact read model: expected \(expected) at byte \(offset)"
        case .keyNotFound(let key): "compact read model: no entry for key \"\(key)\""
        case .outOfRange(let type): "compact read model: a number out of range for \(type)"
        case .interleavedContainers: "compact read model: containers written out of order"
        case .tooLarge: "compact read model: a container over 4 GiB"
        case .unsupported(let feature): "compact read model: \(feature) is not supported"
        }
    }
}
