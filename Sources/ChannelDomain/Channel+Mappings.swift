extension Channel {
    private static func definition(_ name: String, _ state: ChannelState) throws -> (MappingDefinition, MappingState) {
        guard let definition = state.catalog.definition(name), let mapping = state.mapping(name) else {
            throw DomainError.unknownMapping(channel: state.name, mapping: name, valid: state.mappings.map(\.name))
        }
        return (definition, mapping)
    }

    static func configureMapping(
        _ name: String,
        object: String?,
        fields: [FieldAssignment],
        _ state: ChannelState
    ) throws -> [ChannelEvent] {
        let (_, mapping) = try definition(name, state)
        if let object, !Identifier.isSalesforceName(object) {
            throw DomainError.invalidObjectName(channel: state.name, mapping: name, object: object)
        }
        if let bad = fields.first(where: { !Identifier.isSalesforceName($0.field) }) {
            throw DomainError.invalidFieldName(channel: state.name, mapping: name, field: bad.field)
        }
        var resulting = mapping.fields
        var order: [String] = []
        for assignment in fields {
            if !order.contains(assignment.field) { order.append(assignment.field) }
            resulting[assignment.field] = assignment.source
        }
        let changed =
            order
            .filter { resulting[$0] != mapping.fields[$0] }
            .map { FieldAssignment(field: $0, source: resulting[$0]) }
        let newObject = object ?? mapping.object
        guard newObject != mapping.object || !changed.isEmpty else { return [] }
        guard !mapping.active else {
            throw DomainError.mappingActive(channel: state.name, mapping: name, channelLive: state.isLive)
        }
        return [.mappingConfigured(MappingConfigured(mapping: name, object: newObject, fields: changed))]
    }

    static func activate(_ names: [String], _ state: ChannelState) throws -> [ChannelEvent] {
        var seen: Set<String> = []
        var events: [ChannelEvent] = []
        for name in names where seen.insert(name).inserted {
            let (definition, mapping) = try definition(name, state)
            guard !mapping.active else { continue }
            let missing = mapping.missingFields(definition)
            guard missing.isEmpty else {
                throw DomainError.mappingIncomplete(channel: state.name, mapping: name, missing: missing)
            }
            events.append(.mappingActivated(MappingActivated(mapping: name, catalogVersion: state.catalogVersion)))
        }
        return events
    }

    static func deactivate(_ name: String, suspend: Bool, _ state: ChannelState) throws -> [ChannelEvent] {
        let (_, mapping) = try definition(name, state)
        guard mapping.active else { return [] }
        let deactivated = ChannelEvent.mappingDeactivated(MappingDeactivated(mapping: name))
        guard state.isLive else { return [deactivated] }
        guard suspend else { throw DomainError.deactivationNeedsSuspend(channel: state.name, mapping: name) }
        return [deactivated, .suspended(ChannelSuspended(reason: "mapping \(name) deactivated"))]
    }
}
