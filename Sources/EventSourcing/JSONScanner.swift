import Foundation

/// The byte-level reader under ``FlatJSONObject`` and ``StrictJSON``: strict JSON, read only where
/// it is sure. Every reader answers nil for what it does not read (a fraction or an exponent, a
/// repeated name, an escape JSON does not define, a lone surrogate, a raw control character,
/// invalid UTF-8, text after the value), and its caller leaves those bytes to `JSONDecoder`.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    /// Objects and arrays deeper than this are left to `JSONDecoder`, so no input can exhaust the stack.
    static let maximumDepth = 32

    /// The whole input as one object whose members `member` reads; nil when anything is left over.
    mutating func wholeObject<Value>(_ member: (inout Self) -> Value?) -> [(name: String, value: Value)]? {
        skipSpace()
        guard let members = object(member) else { return nil }
        skipSpace()
        return index == bytes.count ? members : nil
    }

    /// The whole input as one value of any shape; nil when anything is left over.
    mutating func wholeValue() -> StrictJSON? {
        skipSpace()
        guard let value = anyValue(depth: 0) else { return nil }
        skipSpace()
        return index == bytes.count ? value : nil
    }

    /// An object whose members `member` reads, each name once.
    mutating func object<Value>(_ member: (inout Self) -> Value?) -> [(name: String, value: Value)]? {
        guard take(UInt8(ascii: "{")) else { return nil }
        var members: [(name: String, value: Value)] = []
        members.reserveCapacity(16)
        skipSpace()
        if !take(UInt8(ascii: "}")) {
            repeat {
                skipSpace()
                guard let name = string() else { return nil }
                skipSpace()
                guard take(UInt8(ascii: ":")) else { return nil }
                skipSpace()
                guard let value = member(&self), !members.contains(where: { $0.name == name }) else { return nil }
                members.append((name, value))
                skipSpace()
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "}")) else { return nil }
        }
        return members
    }

    /// A string, an integer or null: a member of a flat object.
    mutating func flatValue() -> FlatJSONObject.Value? {
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "\""): return string().map(FlatJSONObject.Value.string)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return integer().map(FlatJSONObject.Value.integer)
        case UInt8(ascii: "n"): return word("null") ? .null : nil
        default: return nil
        }
    }

    /// A value of any shape, objects and arrays no deeper than ``maximumDepth``.
    mutating func anyValue(depth: Int) -> StrictJSON? {
        guard index < bytes.count, depth < Self.maximumDepth else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "\""): return string().map(StrictJSON.string)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer().map(StrictJSON.integer)
        case UInt8(ascii: "n"): return word("null") ? .null : nil
        case UInt8(ascii: "t"): return word("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return word("false") ? .bool(false) : nil
        case UInt8(ascii: "{"): return object { $0.anyValue(depth: depth + 1) }.map(StrictJSON.object)
        case UInt8(ascii: "["):
            index += 1
            var elements: [StrictJSON] = []
            skipSpace()
            if !take(UInt8(ascii: "]")) {
                repeat {
                    skipSpace()
                    guard let element = anyValue(depth: depth + 1) else { return nil }
                    elements.append(element)
                    skipSpace()
                } while take(UInt8(ascii: ","))
                guard take(UInt8(ascii: "]")) else { return nil }
            }
            return .array(elements)
        default: return nil
        }
    }

    /// The literal `text` (`null`, `true`, `false`).
    mutating func word(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// `-?(0|[1-9][0-9]*)` within Int64, not followed by a fraction or an exponent.
    mutating func integer() -> Int64? {
        let negative = take(UInt8(ascii: "-"))
        let start = index
        var magnitude: UInt64 = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            let (times, overflowA) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = times.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
            guard !overflowA, !overflowB else { return nil }
            magnitude = sum
            index += 1
        }
        let digits = index - start
        guard digits > 0, !(digits > 1 && bytes[start] == UInt8(ascii: "0")) else { return nil }
        if index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return nil
            default: break
            }
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// A string with JSON's escapes; nil for a raw control character, an unknown escape, a lone
    /// surrogate or bytes that are not UTF-8.
    mutating func string() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        var start = index
        guard skipPlainText() else { return nil }
        // The common case: no escape, one copy of the bytes.
        if bytes[index] == UInt8(ascii: "\"") {
            index += 1
            return Self.text(UnsafeBufferPointer(rebasing: bytes[start..<index - 1]))
        }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(2 * (index - start))
        while true {
            utf8.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            guard bytes[index] == UInt8(ascii: "\\") else { break }
            index += 1
            guard index < bytes.count else { return nil }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                guard let scalar = unicodeEscape() else { return nil }
                utf8.append(contentsOf: String(Character(scalar)).utf8)
            default: return nil
            }
            start = index
            guard skipPlainText() else { return nil }
        }
        index += 1  // the closing quote
        return utf8.withUnsafeBufferPointer(Self.text)
    }

    /// The text of UTF-8 bytes; nil when they are not UTF-8. ASCII (most of a line) needs no
    /// validating, and `String(decoding:)` copies it as it is.
    static func text(_ utf8: UnsafeBufferPointer<UInt8>) -> String? {
        var bits: UInt8 = 0
        for byte in utf8 { bits |= byte }
        if bits < 0x80 { return String(decoding: utf8, as: UTF8.self) }
        if #available(macOS 15, *) { return String(validating: utf8, as: UTF8.self) }
        // `String(bytes:encoding:)` would drop a leading byte-order mark, which JSONDecoder keeps.
        let text = String(decoding: utf8, as: UTF8.self)
        return text.utf8.elementsEqual(utf8) ? text : nil
    }

    /// Moves to the next quote or backslash; false at the end of the bytes or at a raw control
    /// character (JSON allows neither inside a string).
    mutating func skipPlainText() -> Bool {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
            guard byte >= 0x20 else { return false }
            index += 1
        }
        return false
    }

    /// The scalar of `XXXX` after `\u`, with its low surrogate's `\uXXXX` when it is a high one.
    mutating func unicodeEscape() -> Unicode.Scalar? {
        guard let unit = hex4() else { return nil }
        switch unit {
        case 0xD800...0xDBFF:
            guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"),
                bytes[index + 1] == UInt8(ascii: "u")
            else { return nil }
            index += 2
            guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
            return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
        case 0xDC00...0xDFFF: return nil
        default: return Unicode.Scalar(unit)
        }
    }

    mutating func hex4() -> UInt32? {
        guard bytes.count - index >= 4 else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = bytes[index].hexDigitValue else { return nil }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): index += 1
            default: return
            }
        }
    }
}
