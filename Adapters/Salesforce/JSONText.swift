import Foundation

/// JSON written straight into a byte buffer, for the request body the publisher sends with every
/// batch, on the path of each call to the org (`JSONEncoder` cost more than the call's own work
/// here: Docs/performance.md, *Publishing, third round*). Strings are escaped as `JSONEncoder`
/// escapes them (`\"`, `\\`, the short forms of `\b \f \n \r \t`, `\u00xx` for the other
/// control characters), slashes left as they are (`.withoutEscapingSlashes`); object keys are
/// sorted by their UTF-8 bytes (`.sortedKeys`).
struct JSONText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1_024) { bytes.reserveCapacity(capacity) }

    /// `text` verbatim: punctuation, or a literal such as `false`.
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// `value` as a JSON string, quoted and escaped.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): escape(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): escape(UInt8(ascii: "\\"))
            case 0x08: escape(UInt8(ascii: "b"))
            case 0x0C: escape(UInt8(ascii: "f"))
            case 0x0A: escape(UInt8(ascii: "n"))
            case 0x0D: escape(UInt8(ascii: "r"))
            case 0x09: escape(UInt8(ascii: "t"))
            case 0x00..<0x20:
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                bytes.append(Self.hex[Int(byte >> 4)])
                bytes.append(Self.hex[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `"key":` before a value in an object.
    mutating func key(_ key: String) {
        string(key)
        bytes.append(UInt8(ascii: ":"))
    }

    /// An object of string values, its keys sorted by their UTF-8 bytes.
    mutating func object(_ fields: [String: String]) {
        raw("{")
        let sorted = fields.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        for (index, field) in sorted.enumerated() {
            if index > 0 { raw(",") }
            key(field.key)
            string(field.value)
        }
        raw("}")
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private mutating func escape(_ letter: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(letter)
    }
}
