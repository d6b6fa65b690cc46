/// A Salesforce field assigned a source, or unassigned (`source == nil`).
public struct FieldAssignment: Codable, Sendable, Hashable {
    /// The Salesforce field's API name.
    public let field: String
    /// The source, or nil to unassign the field.
    public let source: MappingSource?

    /// Creates an assignment.
    public init(field: String, source: MappingSource?) {
        self.field = field
        self.source = source
    }

    private enum CodingKeys: String, CodingKey { case field, source }

    /// Encodes both keys, writing `null` for an unassigned field.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(field, forKey: .field)
        try container.encode(source, forKey: .source)
    }
}
