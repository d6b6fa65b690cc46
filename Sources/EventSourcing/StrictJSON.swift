import Foundation

/// A JSON value read without `JSONDecoder`, for the payloads a fold reads millions of times
/// (Docs/performance.md, *Payloads read without JSONDecoder*).
///
/// Like ``FlatJSONObject`` it reads only what it is sure of: bytes with a fraction or an
/// exponent, a repeated name, an escape JSON does not define, a lone surrogate, a raw control
/// character, invalid UTF-8, nesting deeper than 32 or text after the value make it answer nil,
/// and the caller decodes them with `JSONDecoder`, whose answer, or error, stands.
package enum StrictJSON: Sendable {
    /// A string.
    case string(String)
    /// An integer that fits 64 bits.
    case integer(Int64)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// An array.
    case array([StrictJSON])
    /// An object's members in the order read, each name once.
    case object([(name: String, value: StrictJSON)])

    /// Reads `bytes` as one JSON value; nil when they are anything else, or anything it leaves.
    package init?(_ bytes: Data) {
        guard
            let value = bytes.withUnsafeBytes({ raw -> StrictJSON? in
                var scanner = JSONScanner(bytes: raw.bindMemory(to: UInt8.self))
                return scanner.wholeValue()
            })
        else { return nil }
        self = value
    }
}
