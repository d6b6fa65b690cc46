/// The compact format read models are stored in (Docs/architecture.md, decision 30): `Codable`
/// values as tagged bytes, cheaper to write and read than JSON, and never part of the log.
///
/// Each value starts with a tag byte:
///
/// | tag | value | followed by |
/// |---|---|---|
/// | 0 | nil | — |
/// | 1, 2 | false, true | — |
/// | 3 | a signed integer | its zigzag LEB128 varint |
/// | 4 | an unsigned integer | its LEB128 varint |
/// | 5 | a `Double` | its 8 bytes, little-endian |
/// | 6 | a `Float` | its 4 bytes, little-endian |
/// | 7 | a string | its UTF-8 length (varint) and bytes |
/// | 8 | a keyed container | its byte length (4 bytes), then per entry the key (varint length and UTF-8 bytes) and the value |
/// | 9 | an unkeyed container | its byte length and its count (4 bytes each), then the values |
/// | 10 | `Data` | its length (varint) and bytes |
/// | 11 | `UUID` | its 16 bytes |
///
/// A container's byte length counts what follows its header, so a reader skips a value without
/// reading into it and finds a key without an index. Entries keep the order they were written in.
enum CompactTag: UInt8 {
    case null = 0
    case `false` = 1
    case `true` = 2
    case signed = 3
    case unsigned = 4
    case double = 5
    case float = 6
    case string = 7
    case keyed = 8
    case unkeyed = 9
    case data = 10
    case uuid = 11
}
