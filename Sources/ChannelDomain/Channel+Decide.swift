import Foundation

extension Channel {
    /// The events a command causes, or a thrown ``DomainError``.
    public static func decide(_ command: ChannelCommand, _ state: ChannelState) throws -> [ChannelEvent] {
        if case .create(let create) = command { return try self.create(create, state) }
        guard state.exists else { throw DomainError.channelNotFound }
        guard !state.archived else {
            if command == .archive { return [] }
            throw DomainError.channelArchived(name: state.name)
        }
        switch command {
        case .create(let create):
            return try self.create(create, state)
        case .rename(let newName, let nameTakenBy):
            return try rename(to: newName, nameTakenBy: nameTakenBy, state)
        case .enterCredentials(let clientID, let targetID, let secret, let targetTakenBy):
            return try enterCredentials(
                clientID: clientID, targetID: targetID, secret: secret, targetTakenBy: targetTakenBy, state)
        case .completeAuthorization(let fingerprint, let outcome):
            return try completeAuthorization(fingerprint: fingerprint, outcome: outcome, state)
        case .configureMapping(let name, let object, let fields):
            return try configureMapping(name, object: object, fields: fields, state)
        case .activateMappings(let names):
            return try activate(names, state)
        case .activateAllMappings:
            return try activate(state.mappings.map(\.name), state)
        case .deactivateMapping(let name, let suspend):
            return try deactivate(name, suspend: suspend, state)
        case .launch:
            return try launch(state)
        case .suspend(let reason):
            return try suspend(reason: reason, state)
        case .resume:
            return try resume(state)
        case .archive:
            return [.archived(ChannelArchived())]
        }
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
        return [
            .created(
                ChannelCreated(
                    channelId: create.id, name: name, catalogVersion: create.catalogVersion, transport: create.transport
                ))
        ]
    }

    private static func rename(to newName: String, nameTakenBy: String?, _ state: ChannelState) throws -> [ChannelEvent]
    {
        let name = try ChannelName.validated(newName)
        guard name != state.name else { return [] }
        let key = ChannelName.key(name)
        let sameKey = key == ChannelName.key(state.name)
        guard sameKey || key != ChannelName.reservedKey else { throw DomainError.nameReserved(name: name) }
        if let takenBy = nameTakenBy, !sameKey { throw DomainError.nameTaken(name: name, takenBy: takenBy) }
        return [.renamed(ChannelRenamed(from: state.name, to: name))]
    }

    // MARK: Credentials

    /// The longest client or target id accepted, in characters.
    public static let maximumCredentialLength = 200

    private static func enterCredentials(
        clientID: String,
        targetID: String,
        secret: SealedSecret,
        targetTakenBy: String?,
        _ state: ChannelState
    ) throws -> [ChannelEvent] {
        let clientID = try credential(clientID, field: "client ID", state)
        let targetID = try credential(targetID, field: "target ID", state)
        if let pending = state.pending {
            if pending.clientId == clientID, pending.targetId == targetID, pending.fingerprint == secret.fingerprint {
                return []
            }
        } else if let active = state.credentials,
            active.clientId == clientID, active.targetId == targetID, active.fingerprint == secret.fingerprint
        {
            return []
        }
        if let takenBy = targetTakenBy {
            throw DomainError.targetTaken(channel: state.name, targetId: targetID, takenBy: takenBy)
        }
        return [.credentialsEntered(CredentialsEntered(clientId: clientID, targetId: targetID, secret: secret))]
    }

    private static func credential(_ raw: String, field: String, _ state: ChannelState) throws -> String {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let problem: InputProblem? =
            if value.isEmpty {
                .empty
            } else if value.unicodeScalars.contains(where: { CharacterSet.whitespacesAndNewlines.contains($0) }) {
                .whitespace
            } else if value.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
                .controlCharacters
            } else if value.count > maximumCredentialLength { .tooLong(limit: maximumCredentialLength) } else { nil }
        if let problem { throw DomainError.invalidCredential(channel: state.name, field: field, problem: problem) }
        return value
    }

    private static func completeAuthorization(
        fingerprint: String,
        outcome: AuthorizationOutcome,
        _ state: ChannelState
    ) throws -> [ChannelEvent] {
        guard let pending = state.pending else {
            guard state.credentials != nil else { throw DomainError.noCredentials(channel: state.name) }
            return []
        }
        guard pending.fingerprint == fingerprint else { throw DomainError.credentialsChanged(channel: state.name) }
        switch outcome {
        case .authorized:
            return [
                .credentialsAuthorized(
                    CredentialsAuthorized(
                        clientId: pending.clientId, targetId: pending.targetId, fingerprint: fingerprint))
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

    private static func launch(_ state: ChannelState) throws -> [ChannelEvent] {
        if state.isLive { return [] }
        if state.isSuspended { throw DomainError.launchWhileSuspended(channel: state.name) }
        if let gap = launchGap(state) {
            throw DomainError.notReadyToLaunch(
                channel: state.name, credentials: gap.credentials, inactiveMappings: gap.inactive)
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

    private static func resume(_ state: ChannelState) throws -> [ChannelEvent] {
        if state.isLive { return [] }
        guard state.isSuspended else { throw DomainError.notSuspended(channel: state.name, status: state.status) }
        if let gap = launchGap(state) {
            throw DomainError.notReadyToResume(
                channel: state.name, credentials: gap.credentials, inactiveMappings: gap.inactive)
        }
        return [.resumed(ChannelResumed())]
    }

    /// What stands between the channel and going live, or nil when nothing does.
    private static func launchGap(_ state: ChannelState) -> (credentials: CredentialsStatus, inactive: [String])? {
        let credentials: CredentialsStatus = state.credentials != nil ? .authorized : state.credentialsStatus
        let inactive = state.inactiveMappings
        guard credentials != .authorized || !inactive.isEmpty || state.mappings.isEmpty else { return nil }
        return (credentials, inactive)
    }
}
