import ChannelDomain
import Foundation

/// Shared values for the channel tests.
enum Fixture {
    static let channelID = UUID(uuidString: "0192F3A0-0000-7000-8000-000000000001")!
    static let name = "EU Store"
    static let secret = SealedSecret(ciphertext: "c2VhbGVkLXNlY3JldC0x", fingerprint: "0123456789abcdef")
    static let otherSecret = SealedSecret(ciphertext: "c2VhbGVkLXNlY3JldC0y", fingerprint: "fedcba9876543210")
    static let clientID = "amzn1.application-oa2-client.eu"
    static let targetID = "target-eu-1"
    /// Where a channel created by the fixtures calls: the in-process sandbox.
    static let sandbox = ChannelDestination(transport: "sandbox", endpoint: nil)

    static func create(
        name: String = Fixture.name,
        catalogVersion: Int = 1,
        connectedAppAuthorized: Bool = true,
        nameTakenBy: String? = nil
    ) -> ChannelCommand {
        .create(
            CreateChannel(
                id: channelID,
                name: name,
                transport: "sandbox",
                catalogVersion: catalogVersion,
                connectedAppAuthorized: connectedAppAuthorized,
                nameTakenBy: nameTakenBy
            ))
    }

    static let created = ChannelEvent.created(
        ChannelCreated(channelId: channelID, name: name, catalogVersion: 1, transport: "sandbox"))

    static func entered(
        clientID: String = Fixture.clientID, targetID: String = Fixture.targetID, secret: SealedSecret = Fixture.secret
    ) -> ChannelEvent {
        .credentialsEntered(CredentialsEntered(clientId: clientID, targetId: targetID, secret: secret))
    }

    static func authorized(
        clientID: String = Fixture.clientID, targetID: String = Fixture.targetID, secret: SealedSecret = Fixture.secret
    ) -> ChannelEvent {
        .credentialsAuthorized(
            CredentialsAuthorized(
                clientId: clientID, targetId: targetID, fingerprint: secret.fingerprint, transport: "sandbox"))
    }

    static func failed(targetID: String = Fixture.targetID, secret: SealedSecret = Fixture.secret) -> ChannelEvent {
        .authorizationFailed(
            AuthorizationFailed(
                clientId: clientID,
                targetId: targetID,
                fingerprint: secret.fingerprint,
                code: "invalid_client",
                message: "Client authentication failed"
            ))
    }

    static func activated(_ mapping: String) -> ChannelEvent {
        .mappingActivated(MappingActivated(mapping: mapping, catalogVersion: 1))
    }
    static func deactivated(_ mapping: String) -> ChannelEvent {
        .mappingDeactivated(MappingDeactivated(mapping: mapping))
    }

    static let mappingNames = MappingCatalog.v1.mappings.map(\.name)
    static let allActivated = mappingNames.map(activated)

    /// A created channel with nothing else.
    static let draft: [ChannelEvent] = [created]
    /// Credentials in force, no mapping active.
    static let authorizedChannel: [ChannelEvent] = [created, entered(), authorized()]
    /// Credentials in force and every mapping active.
    static let ready: [ChannelEvent] = authorizedChannel + allActivated
    /// Launched.
    static let live: [ChannelEvent] = ready + [.launched(ChannelLaunched())]
    /// Launched, then suspended.
    static let suspended: [ChannelEvent] = live + [.suspended(ChannelSuspended(reason: "holiday freeze"))]
    /// Archived.
    static let archived: [ChannelEvent] = live + [.archived(ChannelArchived())]

    static func source(_ raw: String) -> MappingSource {
        // Test inputs are known to parse; a failure shows up as a thrown error in the test.
        try! MappingSource(parsing: raw)
    }
}
