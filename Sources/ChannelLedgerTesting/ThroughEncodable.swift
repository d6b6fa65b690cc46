/// A value encoded through its `Encodable` conformance alone: an encoder that has a faster path
/// for the value's type (a `CompactWritable` read model) does not see that type, so a test can
/// compare the two paths' bytes.
public struct ThroughEncodable<Value: Encodable>: Encodable {
    /// The value encoded.
    public var value: Value

    /// Wraps `value`.
    public init(_ value: Value) {
        self.value = value
    }

    /// Encodes the value as its own conformance does.
    public func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
}
