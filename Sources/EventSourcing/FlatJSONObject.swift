import Foundation

/// A JSON object whose values are all strings, integers or null, read without `JSONDecoder`: the
/// shape of an export's event line, which an import reads a million times (decoding one with
/// Foundation costs ~20 µs here, this ~1 µs).
///
/// It reads only what it is sure of and answers nil for anything else (a nested value, a
/// fraction or exponent, `true`/`false`, a repeated name, an escape JSON does not define, a lone
/// surrogate, a raw control character, invalid UTF-8, text after the object): the caller then
/// decodes the line with `JSONDecoder`, whose answer, or error, stands.
public struct FlatJSONObject {
    /// A member's value.
    public enum Value: Equatable, Sendable {
        /// A string.
        case string(String)
        /// An integer that fits 64 bits.
        case integer(Int64)
        /// `null`.
        case null
    }

    /// The members in the order read, each name once: an event line's few short names are found
    /// by comparing them rather than by hashing each.
    private var list: [(name: String, value: Value)] = []

    /// Reads `bytes` as one flat object; nil when they are anything else.
    public init?(_ bytes: Data) {
        guard
            let list = bytes.withUnsafeBytes({ raw -> [(name: String, value: Value)]? in
                var scanner = JSONScanner(bytes: raw.bindMemory(to: UInt8.self))
                return scanner.wholeObject { $0.flatValue() }
            })
        else { return nil }
        self.list = list
    }

    /// The member `name`'s value; nil when it is missing.
    public func value(_ name: String) -> Value? {
        list.first { $0.name == name }?.value
    }

    /// The string member `name`; nil when it is missing or not a string.
    public func string(_ name: String) -> String? {
        if case .string(let text)? = value(name) { return text }
        return nil
    }

    /// The integer member `name`; nil when it is missing or not an integer.
    public func integer(_ name: String) -> Int64? {
        if case .integer(let value)? = value(name) { return value }
        return nil
    }

    /// Whether the member `name` is missing or null (what an optional field decodes as nil).
    public func isAbsent(_ name: String) -> Bool {
        let found = value(name)
        return found == nil || found == .null
    }
}
