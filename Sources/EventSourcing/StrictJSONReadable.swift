/// A payload type that can read itself from a ``StrictJSON`` value as `JSONDecoder` would
/// decode the same bytes, or say it is not sure.
///
/// ``EventCodec`` tries it before `JSONDecoder` and falls back to it when the reader throws, so a
/// reader only has to be right about what it accepts; debug builds decode every accepted payload
/// with `JSONDecoder` too and assert the two are equal.
package protocol StrictJSONReadable {
    /// The value; throws when the JSON is anything this reader is not sure of.
    init(strictJSON: StrictJSON) throws(StrictJSONFields.NotSure)
}
