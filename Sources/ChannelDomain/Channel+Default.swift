import Foundation

extension Channel {
    /// The `Default` channel of an upgrade, in one batch: created under the reserved name with the
    /// old account's credentials entered and authorized as they were (no call to Buy with Prime),
    /// every mapping of its catalog active, and launched. Without an account it stays a draft
    /// with its mappings active, for the user to give it credentials and launch it.
    static func createDefault(_ channel: DefaultChannel, _ state: ChannelState) throws -> [ChannelEvent] {
        guard !state.exists else { throw DomainError.channelAlreadyExists(name: state.name) }
        let name = ChannelName.defaultName
        guard channel.connectedAppAuthorized else { throw DomainError.connectedAppNotAuthorized(name: name) }
        guard MappingCatalog.version(channel.catalogVersion) != nil else {
            throw DomainError.unknownCatalogVersion(channel.catalogVersion)
        }
        if let takenBy = channel.nameTakenBy { throw DomainError.nameTaken(name: name, takenBy: takenBy) }
        var events: [ChannelEvent] = [
            .created(
                ChannelCreated(
                    channelId: channel.id, name: name, catalogVersion: channel.catalogVersion,
                    transport: channel.transport, endpoint: channel.endpoint))
        ]
        if let account = channel.account {
            events.append(
                .credentialsEntered(
                    CredentialsEntered(clientId: account.clientId, targetId: account.targetId, secret: account.secret)))
            events.append(
                .credentialsAuthorized(
                    CredentialsAuthorized(
                        clientId: account.clientId, targetId: account.targetId, fingerprint: account.secret.fingerprint,
                        transport: account.transport, endpoint: account.endpoint)))
        }
        let ready = fold(events, from: state)
        events += try activate(ready.mappings.map(\.name), ready)
        if channel.account != nil { events.append(.launched(ChannelLaunched())) }
        return events
    }
}
