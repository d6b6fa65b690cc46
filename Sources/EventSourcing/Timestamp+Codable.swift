/// A timestamp encodes as a single integer: milliseconds since 1970-01-01T00:00:00Z.
extension Timestamp: Codable {
    /// Decodes a timestamp from an integer of milliseconds since 1970.
    public init(from decoder: any Decoder) throws {
        self.init(millisecondsSince1970: try decoder.singleValueContainer().decode(Int64.self))
    }

    /// Encodes the timestamp as an integer of milliseconds since 1970.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(millisecondsSince1970)
    }
}
