import Foundation

/// A JSON value read without `JSONDecoder`, for the payloads every fold reads (decision 36 in
/// Docs/architecture.md).
///
/// Like ``FlatJSONObject`` it reads only what ``JSONScanner`` is sure of (nesting no deeper than
/// ``JSONScanner/maximumDepth``) and answers nil for anything else; the caller then decodes the
/// bytes with `JSONDecoder`, whose answer, or error, stands.
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
