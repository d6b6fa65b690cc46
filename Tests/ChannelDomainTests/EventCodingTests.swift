import ChannelDomain
import EventSourcing
import Foundation
import Testing

@Suite("Event wire format")
struct EventCodingTests {
    static let channelEvents: [ChannelEvent] = [
        Fixture.created,
        .renamed(ChannelRenamed(from: "EU Store", to: "US Store")),
        Fixture.entered(),
        Fixture.authorized(),
        Fixture.failed(),
        .mappingConfigured(
            MappingConfigured(
                mapping: "order", object: "Order",
                fields: [
                    FieldAssignment(field: "Status", source: Fixture.source("'Draft'")),
                    FieldAssignment(field: "EffectiveDate", source: nil),
                ])),
        Fixture.activated("order"),
        Fixture.deactivated("order"),
        .launched(ChannelLaunched()),
        .suspended(ChannelSuspended(reason: "maintenance")),
        .resumed(ChannelResumed()),
        .archived(ChannelArchived()),
        .transportChanged(ChannelTransportChanged(transport: "live", endpoint: "https://api.buywithprime.amazon.com")),
        .salesChannelPublished(SalesChannelPublished(salesforceId: "0bI000000000001", name: "EU Store", targetId: "t")),
    ]

    /// Events with the fields recorded since endpoints are, round-tripped too.
    static let endpointEvents: [ChannelEvent] = [
        .created(
            ChannelCreated(
                channelId: Fixture.channelID, name: "EU Store", catalogVersion: 1, transport: "live",
                endpoint: "http://127.0.0.1:8080")),
        .credentialsAuthorized(
            CredentialsAuthorized(
                clientId: Fixture.clientID, targetId: Fixture.targetID, fingerprint: Fixture.secret.fingerprint,
                transport: "live", endpoint: "http://127.0.0.1:8080")),
    ]

    @Test(
        "every channel event round-trips through the codec under its wire name",
        arguments: channelEvents + endpointEvents)
    func channelRoundTrip(event: ChannelEvent) throws {
        let payload = event.payload
        let data = try payload.encoded()
        let decoded = try ChannelEvent.codec.decode(
            type: event.wireName, schemaVersion: type(of: payload).schemaVersion, payload: data)
        #expect(decoded == event)
    }

    @Test("a MappingActivated written at schema 1 reads as activated under catalog 1")
    func mappingActivatedSchema1IsLifted() throws {
        try ChannelEvent.codec.validate()
        let decoded = try ChannelEvent.codec.decode(
            type: "MappingActivated", schemaVersion: 1, payload: Data(#"{"mapping":"order"}"#.utf8))
        #expect(decoded == .mappingActivated(MappingActivated(mapping: "order", catalogVersion: 1)))
        #expect(MappingActivated.schemaVersion == 2)
        #expect(
            String(decoding: try MappingActivated(mapping: "order", catalogVersion: 1).encoded(), as: UTF8.self)
                == #"{"catalogVersion":1,"mapping":"order"}"#)
    }

    @Test("channel wire names are the payload type names")
    func channelWireNames() {
        #expect(
            Self.channelEvents.map(\.wireName) == [
                "ChannelCreated", "ChannelRenamed", "CredentialsEntered", "CredentialsAuthorized",
                "AuthorizationFailed",
                "MappingConfigured", "MappingActivated", "MappingDeactivated", "ChannelLaunched", "ChannelSuspended",
                "ChannelResumed", "ChannelArchived", "ChannelTransportChanged", "SalesChannelPublished",
            ])
        #expect(ChannelEvent.codec.wireNames == Self.channelEvents.map(\.wireName).sorted())
        #expect(
            ChannelEvent.codec.schemaVersions.filter { $0.value != 1 } == ["MappingActivated": 2],
            "every schema change is deliberate: a new version needs its upcaster")
    }

    @Test("payload JSON uses the camelCase property names")
    func camelCaseKeys() throws {
        let json = String(
            decoding: try ChannelCreated(
                channelId: Fixture.channelID, name: "EU Store", catalogVersion: 1, transport: "sandbox"
            ).encoded(), as: UTF8.self)
        #expect(
            json
                == #"{"catalogVersion":1,"channelId":"0192f3a0-0000-7000-8000-000000000001","name":"EU Store","transport":"sandbox"}"#
        )
        let entered = String(
            decoding: try CredentialsEntered(clientId: "c", targetId: "t", secret: Fixture.secret).encoded(),
            as: UTF8.self)
        #expect(
            entered
                == #"{"clientId":"c","secret":{"ciphertext":"c2VhbGVkLXNlY3JldC0x","fingerprint":"0123456789abcdef"},"targetId":"t"}"#
        )
    }

    @Test("an unassigned field encodes as an explicit null")
    func explicitNull() throws {
        let payload = MappingConfigured(
            mapping: "order", object: "Order", fields: [FieldAssignment(field: "Status", source: nil)])
        let json = String(decoding: try payload.encoded(), as: UTF8.self)
        #expect(json == #"{"fields":[{"field":"Status","source":null}],"mapping":"order","object":"Order"}"#)
    }

    @Test("events without fields encode as an empty object")
    func emptyPayload() throws {
        #expect(String(decoding: try ChannelLaunched().encoded(), as: UTF8.self) == "{}")
    }

    @Test(
        "connected app events round-trip through their codec",
        arguments: [
            ConnectedAppEvent.registered(
                ConnectedAppRegistered(
                    consumerKey: "3MVG9", myDomain: "https://acme.my.salesforce.com", secret: Fixture.secret,
                    transport: "sandbox"
                )),
            .authorized(ConnectedAppAuthorized(consumerKey: "3MVG9", fingerprint: "0123456789abcdef")),
            .authorizationFailed(
                ConnectedAppAuthorizationFailed(
                    consumerKey: "3MVG9", fingerprint: "0123456789abcdef", code: "invalid_client", message: "bad"
                )),
            .authorizationRevoked(
                ConnectedAppAuthorizationRevoked(
                    consumerKey: "3MVG9", fingerprint: "0123456789abcdef", code: "invalid_client", message: "revoked")),
        ])
    func connectedAppRoundTrip(event: ConnectedAppEvent) throws {
        let decoded = try ConnectedAppEvent.codec.decode(
            type: event.wireName, schemaVersion: 1, payload: try event.payload.encoded())
        #expect(decoded == event)
        #expect(
            ConnectedAppEvent.codec.wireNames == [
                "ConnectedAppAuthorizationFailed", "ConnectedAppAuthorizationRevoked", "ConnectedAppAuthorized",
                "ConnectedAppRegistered",
            ])
    }

    @Test(
        "every ledger event round-trips through its codec under its wire name",
        arguments: [
            LedgerEvent.initialized(LedgerInitialized(storeId: Fixture.channelID, keyCheck: "kc", schemaVersion: 1)),
            .accountCredentialsAuthorized(
                AccountCredentialsAuthorized(
                    clientId: Fixture.clientID, targetId: Fixture.targetID, secret: Fixture.secret,
                    transport: "sandbox", endpoint: nil)),
            .upgraded(LedgerUpgraded(from: 0, to: 1, channelId: Fixture.channelID)),
        ])
    func ledgerRoundTrip(event: LedgerEvent) throws {
        let wireName = type(of: event.payload).wireName
        let decoded = try LedgerEvent.codec.decode(
            type: wireName, schemaVersion: 1, payload: try event.payload.encoded())
        #expect(decoded == event)
        #expect(
            LedgerEvent.codec.wireNames == ["AccountCredentialsAuthorized", "LedgerInitialized", "LedgerUpgraded"])
    }

    @Test("LedgerUpgraded and a format-0 account write the documented JSON")
    func ledgerUpgradeJSON() throws {
        let upgraded = try LedgerUpgraded(from: 0, to: 1, channelId: Fixture.channelID).encoded()
        #expect(
            String(decoding: upgraded, as: UTF8.self)
                == #"{"channelId":"0192f3a0-0000-7000-8000-000000000001","from":0,"to":1}"#)
        let account = try AccountCredentialsAuthorized(
            clientId: "c", targetId: "t", secret: Fixture.secret, transport: "sandbox", endpoint: nil
        ).encoded()
        #expect(
            String(decoding: account, as: UTF8.self)
                == #"{"clientId":"c","secret":{"ciphertext":"c2VhbGVkLXNlY3JldC0x","fingerprint":"0123456789abcdef"},"targetId":"t","transport":"sandbox"}"#
        )
    }

    @Test(
        "channel state round-trips through JSON",
        arguments: [
            Fixture.draft,
            Fixture.live + [Fixture.entered(targetID: "t2", secret: Fixture.otherSecret), Fixture.failed()],
            Fixture.archived,
        ])
    func stateRoundTrip(history: [ChannelEvent]) throws {
        let state = Channel.fold(history)
        let data = try JSONEncoder().encode(state)
        #expect(try JSONDecoder().decode(ChannelState.self, from: data) == state)
    }

    @Test(
        "events written before endpoints were recorded read with none, and a channel without one writes the old bytes")
    func endpointIsOptional() throws {
        let old =
            #"{"catalogVersion":1,"channelId":"0192f3a0-0000-7000-8000-000000000001","name":"EU Store","transport":"sandbox"}"#
        let decoded = try ChannelEvent.codec.decode(type: "ChannelCreated", schemaVersion: 1, payload: Data(old.utf8))
        #expect(decoded == Fixture.created)
        let bytes = try JSONSerialization.jsonObject(with: try Fixture.created.payload.encoded()) as? [String: Any]
        #expect(bytes?.keys.sorted() == ["catalogVersion", "channelId", "name", "transport"])
    }
}
