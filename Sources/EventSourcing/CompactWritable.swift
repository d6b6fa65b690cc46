import Foundation

/// A value that writes its own compact encoding: byte for byte what its `Encodable` conformance
/// writes through ``CompactEncoder``, without the `Encoder` machinery (a boxed container per value,
/// coding keys turned into strings, a dynamic cast per nested value), which was most of an order
/// summary's encoding (decision 34). For documents written on every append; each conformance has a
/// test that compares its bytes with its `Encodable` ones.
///
/// The value is a keyed container, as a struct's synthesized conformance makes it: `write(to:)`
/// writes the fields that conformance encodes, in its order, and leaves out the nil optionals it
/// leaves out. ``CompactEncoder`` takes this path for a value whose type conforms, and a field
/// whose declared type conforms is written through it too; a conforming value inside anything
/// else (a list, a dictionary, a value that only encodes itself) is encoded through `Codable`,
/// to the same bytes. Package-only: the byte-for-byte promise is kept by this package's tests.
package protocol CompactWritable: Encodable {
    /// Writes the value's fields into its keyed container, in the order `encode(to:)` does.
    func write(to container: CompactKeyedWriter) throws
}
