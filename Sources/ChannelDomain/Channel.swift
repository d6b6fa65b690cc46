import EventSourcing

/// The decider of one Amazon sales channel stream: creation, credentials, mappings and lifecycle.
public enum Channel: Decider {
    /// The commands a channel accepts: create, rename, credentials, mappings and lifecycle.
    public typealias Command = ChannelCommand
    /// The channel's events, one case per payload type.
    public typealias Event = ChannelEvent
    /// The channel as its events left it.
    public typealias State = ChannelState

    /// A channel that was never created.
    public static var initialState: ChannelState { ChannelState() }

    /// The credentials to authorize next, nil when the ones in force are authorized and nothing is pending.
    ///
    /// Throws when the channel does not exist, is archived, or never had credentials entered.
    public static func authorizationRequest(_ state: ChannelState) throws -> PendingCredentials? {
        guard state.exists else { throw DomainError.channelNotFound }
        guard !state.archived else { throw DomainError.channelArchived(name: state.name) }
        if let pending = state.pending { return pending }
        guard state.credentials != nil else { throw DomainError.noCredentials(channel: state.name) }
        return nil
    }

    /// The state after one more event.
    public static func evolve(_ state: ChannelState, _ event: ChannelEvent) -> ChannelState {
        var state = state
        switch event {
        case .created(let created):
            // Unknown catalog versions are refused by decide; fall back to the current catalog to stay total.
            let catalog = MappingCatalog.version(created.catalogVersion) ?? .current
            state.id = created.channelId
            state.name = created.name
            state.transport = created.transport
            state.endpoint = created.endpoint
            state.catalogVersion = created.catalogVersion
            state.mappings = catalog.mappings.map(MappingState.init(defaultsOf:))
            // Only the upgrade's command can create a channel under the reserved name.
            state.createdByUpgrade = ChannelName.key(created.name) == ChannelName.reservedKey ? true : nil
        case .renamed(let renamed):
            state.name = renamed.to
        case .credentialsEntered(let entered):
            state.pending = PendingCredentials(
                clientId: entered.clientId, targetId: entered.targetId, secret: entered.secret)
        case .credentialsAuthorized(let authorized):
            state.credentials = ActiveCredentials(
                clientId: authorized.clientId,
                targetId: authorized.targetId,
                fingerprint: authorized.fingerprint,
                secret: state.pending.map(\.secret).flatMap { $0.fingerprint == authorized.fingerprint ? $0 : nil }
            )
            state.pending = nil
        case .authorizationFailed(let failed):
            state.pending?.failure = AuthorizationFailure(code: failed.code, message: failed.message)
        case .mappingConfigured(let configured):
            if let index = state.mappings.firstIndex(where: { $0.name == configured.mapping }) {
                state.mappings[index].object = configured.object
                for assignment in configured.fields {
                    state.mappings[index].fields[assignment.field] = assignment.source
                }
            }
        case .mappingActivated(let activated):
            state.setMapping(activated.mapping, active: true, catalogVersion: activated.catalogVersion)
        case .mappingDeactivated(let deactivated):
            state.setMapping(deactivated.mapping, active: false)
        case .launched:
            state.launched = true
        case .suspended(let suspended):
            state.suspensionReason = suspended.reason
        case .resumed:
            state.suspensionReason = nil
        case .archived:
            state.archived = true
        case .transportChanged(let changed):
            state.transport = changed.transport
            state.endpoint = changed.endpoint
            // The credentials in force were authorized elsewhere: pending again, same sealed secret,
            // unless newer ones await authorization (rejected ones give way to those in force).
            if let active = state.credentials {
                if state.pending == nil || state.pending?.failure != nil, let secret = active.secret {
                    state.pending = PendingCredentials(
                        clientId: active.clientId, targetId: active.targetId, secret: secret)
                }
                state.credentials = nil
            }
        case .salesChannelPublished(let published):
            state.published = PublishedChannel(
                salesforceId: published.salesforceId, name: published.name, targetId: published.targetId)
        }
        return state
    }
}

extension ChannelState {
    fileprivate mutating func setMapping(_ name: String, active: Bool, catalogVersion: Int? = nil) {
        if let index = mappings.firstIndex(where: { $0.name == name }) {
            mappings[index].active = active
            mappings[index].activatedCatalogVersion = active ? catalogVersion : nil
        }
    }
}
