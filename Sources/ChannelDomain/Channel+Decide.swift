import Foundation

extension Channel {
    /// The events a command causes, or a thrown ``DomainError``.
    ///
    /// Every command but `create` is for an existing channel that is not archived (``changing(_:archiving:_:)``).
    public static func decide(_ command: ChannelCommand, _ state: ChannelState) throws -> [ChannelEvent] {
        switch command {
        case .create(let create):
            return try self.create(create, state)
        case .createDefault(let channel):
            return try createDefault(channel, state)
        case .rename(let newName, let nameTakenBy):
            return try changing(state) { try rename(to: newName, nameTakenBy: nameTakenBy, state) }
        case .enterCredentials(let clientID, let targetID, let secret, let targetTakenBy):
            return try changing(state) {
                try enterCredentials(
                    clientID: clientID, targetID: targetID, secret: secret, targetTakenBy: targetTakenBy, state)
            }
        case .completeAuthorization(let destination, let fingerprint, let outcome):
            return try changing(state) {
                try completeAuthorization(through: destination, fingerprint: fingerprint, outcome: outcome, state)
            }
        case .configureMapping(let name, let object, let fields):
            return try changing(state) { try configureMapping(name, object: object, fields: fields, state) }
        case .activateMappings(let names):
            return try changing(state) { try activate(names, state) }
        case .activateAllMappings:
            return try changing(state) { try activate(state.mappings.map(\.name), state) }
        case .deactivateMapping(let name, let suspend):
            return try changing(state) { try deactivate(name, suspend: suspend, state) }
        case .launch(let connectedAppAuthorized):
            return try changing(state) { try launch(connectedAppAuthorized: connectedAppAuthorized, state) }
        case .suspend(let reason):
            return try changing(state) { try suspend(reason: reason, state) }
        case .resume(let connectedAppAuthorized):
            return try changing(state) { try resume(connectedAppAuthorized: connectedAppAuthorized, state) }
        case .archive:
            return try changing(state, archiving: true) { [.archived(ChannelArchived())] }
        case .recordPublication(let salesforceId, let name, let targetId):
            return try changing(state) {
                guard state.launched else { throw DomainError.notLive(channel: state.name, status: state.status) }
                let published = PublishedChannel(salesforceId: salesforceId, name: name, targetId: targetId)
                guard state.published != published else { return [] }
                return [
                    .salesChannelPublished(
                        SalesChannelPublished(salesforceId: salesforceId, name: name, targetId: targetId))
                ]
            }
        case .changeTransport(let transport, let endpoint, let suspend):
            return try changing(state) {
                try changeTransport(to: transport, endpoint: endpoint, suspend: suspend, state)
            }
        }
    }

    /// Decides a command for an existing channel: refused for a missing or archived one, except
    /// that archiving an archived channel records nothing.
    private static func changing(
        _ state: ChannelState, archiving: Bool = false, _ decide: () throws -> [ChannelEvent]
    ) throws -> [ChannelEvent] {
        guard state.exists else { throw DomainError.channelNotFound }
        guard !state.archived else {
            if archiving { return [] }
            throw DomainError.channelArchived(name: state.name)
        }
        return try decide()
    }

    // MARK: Naming

    private static func create(_ create: CreateChannel, _ state: ChannelState) throws -> [ChannelEvent] {
        guard !state.exists else { throw DomainError.channelAlreadyExists(name: state.name) }
        let name = try ChannelName.validated(create.name)
        guard create.connectedAppAuthorized else { throw DomainError.connectedAppNotAuthorized(name: name) }
        guard MappingCatalog.version(create.catalogVersion) != nil else {
            throw DomainError.unknownCatalogVersion(create.catalogVersion)
        }
        guard ChannelName.key(name) != ChannelName.reservedKey else { throw DomainError.nameReserved(name: name) }
        if let takenBy = create.nameTakenBy { throw DomainError.nameTaken(name: name, takenBy: takenBy) }
        let endpoint = try create.endpoint.map { try validatedEndpoint($0, channel: name) }
        return [
            .created(
                ChannelCreated(
                    channelId: create.id, name: name, catalogVersion: create.catalogVersion,
                    transport: create.transport, endpoint: endpoint))
        ]
    }

    private static func rename(to newName: String, nameTakenBy: String?, _ state: ChannelState) throws -> [ChannelEvent]
    {
        let name = try ChannelName.validated(newName)
        guard name != state.name else { return [] }
        let key = ChannelName.key(name)
        let sameKey = key == ChannelName.key(state.name)
        guard sameKey || key != ChannelName.reservedKey || state.isDefault else {
            throw DomainError.nameReserved(name: name)
        }
        if let takenBy = nameTakenBy, !sameKey { throw DomainError.nameTaken(name: name, takenBy: takenBy) }
        return [.renamed(ChannelRenamed(from: state.name, to: name))]
    }

    /// The normalized endpoint, or ``DomainError/invalidEndpoint(channel:endpoint:)``.
    private static func validatedEndpoint(_ raw: String, channel: String) throws -> String {
        guard let endpoint = Endpoint.normalized(raw, allowsPath: true) else {
            throw DomainError.invalidEndpoint(channel: channel, endpoint: raw.trimmingCharacters(in: .whitespaces))
        }
        return endpoint
    }

    // MARK: Transport

    private static func changeTransport(
        to transport: String, endpoint raw: String?, suspend: Bool, _ state: ChannelState
    )
        throws -> [ChannelEvent]
    {
        let endpoint = try raw.map { try validatedEndpoint($0, channel: state.name) }
        guard transport != state.transport || endpoint != state.endpoint else { return [] }
        let changed = ChannelEvent.transportChanged(ChannelTransportChanged(transport: transport, endpoint: endpoint))
        guard state.isLive else { return [changed] }
        guard suspend else { throw DomainError.transportChangeNeedsSuspend(channel: state.name, transport: transport) }
        return [.suspended(ChannelSuspended(reason: "moving to transport \(transport)")), changed]
    }

    // MARK: Credentials

    /// Checks what entering credentials checks before their secret exists, so the application can
    /// refuse a missing or archived channel, a bad ID or a taken target before anyone types a secret.
    /// - Returns: the IDs as they would be recorded (trimmed).
    public static func checkCredentials(
        clientID: String, targetID: String, targetTakenBy: String?, _ state: ChannelState
    ) throws -> (clientID: String, targetID: String) {
        _ = try changing(state) { [] }
        let clientID = try credential(clientID, field: "client ID", state)
        let targetID = try credential(targetID, field: "target ID", state)
        if let takenBy = targetTakenBy {
            throw DomainError.targetTaken(channel: state.name, targetId: targetID, takenBy: takenBy)
        }
        return (clientID, targetID)
    }

    private static func enterCredentials(
        clientID: String,
        targetID: String,
        secret: SealedSecret,
        targetTakenBy: String?,
        _ state: ChannelState
    ) throws -> [ChannelEvent] {
        let (clientID, targetID) = try checkCredentials(
            clientID: clientID, targetID: targetID, targetTakenBy: targetTakenBy, state)
        if let pending = state.pending {
            if pending.clientId == clientID, pending.targetId == targetID, pending.fingerprint == secret.fingerprint {
                return []
            }
        } else if let active = state.credentials,
            active.clientId == clientID, active.targetId == targetID, active.fingerprint == secret.fingerprint
        {
            return []
        }
        return [.credentialsEntered(CredentialsEntered(clientId: clientID, targetId: targetID, secret: secret))]
    }

    private static func credential(_ raw: String, field: String, _ state: ChannelState) throws -> String {
        switch TextRule.identifier.check(raw) {
        case .success(let value): return value
        case .failure(let problem):
            throw DomainError.invalidCredential(channel: state.name, field: field, problem: problem)
        }
    }

    private static func completeAuthorization(
        through destination: ChannelDestination,
        fingerprint: String,
        outcome: AuthorizationOutcome,
        _ state: ChannelState
    ) throws -> [ChannelEvent] {
        guard let pending = state.pending else {
            guard state.credentials != nil else { throw DomainError.noCredentials(channel: state.name) }
            return []
        }
        // A move (or new credentials) while the service was asked: its answer is about something else.
        guard pending.fingerprint == fingerprint, destination == state.destination else {
            throw DomainError.credentialsChanged(channel: state.name)
        }
        switch outcome {
        case .authorized:
            return [
                .credentialsAuthorized(
                    CredentialsAuthorized(
                        clientId: pending.clientId, targetId: pending.targetId, fingerprint: fingerprint,
                        transport: destination.transport, endpoint: destination.endpoint))
            ]
        case .rejected(let code, let message):
            return [
                .authorizationFailed(
                    AuthorizationFailed(
                        clientId: pending.clientId,
                        targetId: pending.targetId,
                        fingerprint: fingerprint,
                        code: code,
                        message: message
                    ))
            ]
        }
    }

    // MARK: Lifecycle

    private static func launch(connectedAppAuthorized: Bool, _ state: ChannelState) throws -> [ChannelEvent] {
        if state.isLive { return [] }
        if state.isSuspended { throw DomainError.launchWhileSuspended(channel: state.name) }
        if let gap = launchGap(connectedAppAuthorized: connectedAppAuthorized, state) {
            throw DomainError.notReadyToLaunch(
                channel: state.name, connectedAppAuthorized: connectedAppAuthorized, credentials: gap.credentials,
                inactiveMappings: gap.inactive)
        }
        return [.launched(ChannelLaunched())]
    }

    private static func suspend(reason: String, _ state: ChannelState) throws -> [ChannelEvent] {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw DomainError.emptySuspensionReason(channel: state.name) }
        if state.isSuspended { return [] }
        guard state.isLive else { throw DomainError.notLive(channel: state.name, status: state.status) }
        return [.suspended(ChannelSuspended(reason: reason))]
    }

    private static func resume(connectedAppAuthorized: Bool, _ state: ChannelState) throws -> [ChannelEvent] {
        if state.isLive { return [] }
        guard state.isSuspended else { throw DomainError.notSuspended(channel: state.name, status: state.status) }
        if let gap = launchGap(connectedAppAuthorized: connectedAppAuthorized, state) {
            throw DomainError.notReadyToResume(
                channel: state.name, connectedAppAuthorized: connectedAppAuthorized, credentials: gap.credentials,
                inactiveMappings: gap.inactive)
        }
        return [.resumed(ChannelResumed())]
    }

    /// What stands between the channel and going live (no connected app in force, credentials not in
    /// force, inactive mappings), or nil when nothing does.
    private static func launchGap(connectedAppAuthorized: Bool, _ state: ChannelState) -> (
        credentials: CredentialsStatus, inactive: [String]
    )? {
        let credentials: CredentialsStatus = state.credentials != nil ? .authorized : state.credentialsStatus
        let inactive = state.inactiveMappings
        guard !connectedAppAuthorized || credentials != .authorized || !inactive.isEmpty || state.mappings.isEmpty
        else { return nil }
        return (credentials, inactive)
    }
}
