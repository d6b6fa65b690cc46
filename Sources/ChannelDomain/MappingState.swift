/// One mapping of a channel: its object, its assigned fields and whether it is active.
public struct MappingState: Codable, Sendable, Equatable {
    /// The mapping's name, for example `order`.
    public var name: String
    /// The Salesforce object it targets.
    public var object: String
    /// The assigned fields and their sources (unassigned fields are absent).
    public var fields: [String: MappingSource]
    /// Whether the mapping is active.
    public var active: Bool
    /// While active: the catalog version it was checked against when activated.
    public var activatedCatalogVersion: Int?

    /// Creates a mapping state.
    public init(
        name: String, object: String, fields: [String: MappingSource], active: Bool, activatedCatalogVersion: Int? = nil
    ) {
        self.name = name
        self.object = object
        self.fields = fields
        self.active = active
        self.activatedCatalogVersion = activatedCatalogVersion
    }

    /// A mapping as a new channel starts it: the catalog defaults, inactive.
    public init(defaultsOf definition: MappingDefinition) {
        self.init(name: definition.name, object: definition.object, fields: definition.defaultFields, active: false)
    }

    /// Each required field of `definition` with its assigned source, in catalog order.
    public func requiredFieldStatus(_ definition: MappingDefinition) -> [RequiredFieldStatus] {
        definition.requiredFields.map { RequiredFieldStatus(field: $0.field, source: fields[$0.field]) }
    }

    /// The required fields of `definition` that have no source, in catalog order.
    public func missingFields(_ definition: MappingDefinition) -> [String] {
        definition.requiredFields.map(\.field).filter { fields[$0] == nil }
    }
}

/// A required field and the source it is assigned, if any.
public struct RequiredFieldStatus: Sendable, Equatable {
    /// The Salesforce field's API name.
    public let field: String
    /// The assigned source, or nil when the field still needs one.
    public let source: MappingSource?

    /// Creates a status.
    public init(field: String, source: MappingSource?) {
        self.field = field
        self.source = source
    }

    /// Whether the field has a source.
    public var isAssigned: Bool { source != nil }
}
