import ChannelDomain
import ChannelLedgerTesting
import Foundation
import Testing

@Suite("Creating and renaming a channel")
struct ChannelCreateTests {
    @Test("create records ChannelCreated with the display name")
    func create() {
        Spec(Channel.self)
            .when(Fixture.create(name: "  EU Store "))
            .then([Fixture.created])
    }

    @Test("a created channel starts from the catalog defaults, every mapping inactive")
    func createdStateHasDefaults() throws {
        let state = Channel.fold(Fixture.draft)
        #expect(state.id == Fixture.channelID)
        #expect(state.name == "EU Store")
        #expect(state.transport == "sandbox")
        #expect(state.catalogVersion == 1)
        #expect(state.status == .draft)
        #expect(state.credentialsStatus == CredentialsStatus.none)
        #expect(state.mappings.map(\.name) == Fixture.mappingNames)
        #expect(state.activeMappingCount == 0)
        let order = try #require(state.mapping("order"))
        #expect(order.object == "Order")
        #expect(order.fields["Status"] == Fixture.source("'Draft'"))
        #expect(order.fields.count == 3)
        let status = try #require(state.requiredFieldStatus(of: "order"))
        #expect(status.allSatisfy { $0.isAssigned })
    }

    @Test("create needs an authorized connected app")
    func createNeedsConnectedApp() {
        Spec(Channel.self)
            .when(Fixture.create(connectedAppAuthorized: false))
            .thenThrows(DomainError.connectedAppNotAuthorized(name: "EU Store"))
    }

    @Test("create validates the name")
    func createValidatesName() {
        Spec(Channel.self)
            .when(Fixture.create(name: " "))
            .thenThrows(DomainError.invalidChannelName(name: " ", problem: .empty))
    }

    @Test("create refuses a name another channel owns")
    func createNameTaken() {
        Spec(Channel.self)
            .when(Fixture.create(name: "eu store", nameTakenBy: "EU Store"))
            .thenThrows(DomainError.nameTaken(name: "eu store", takenBy: "EU Store"))
    }

    @Test("the name Default is reserved", arguments: ["Default", " DEFAULT ", "default"])
    func createReserved(raw: String) {
        let name = raw.trimmingCharacters(in: .whitespaces)
        Spec(Channel.self)
            .when(Fixture.create(name: raw))
            .thenThrows(DomainError.nameReserved(name: name))
    }

    @Test("create refuses an unknown catalog version")
    func createUnknownCatalog() {
        Spec(Channel.self)
            .when(Fixture.create(catalogVersion: 99))
            .thenThrows(DomainError.unknownCatalogVersion(99))
    }

    @Test("create on an existing stream is refused", arguments: [Fixture.draft, Fixture.archived])
    func createTwice(history: [ChannelEvent]) {
        Spec(Channel.self)
            .given(history)
            .when(Fixture.create())
            .thenThrows(DomainError.channelAlreadyExists(name: "EU Store"))
    }

    @Test(
        "every other command on a channel that does not exist is not found",
        arguments: ChannelCommandSamples.allButCreate)
    func notFound(command: ChannelCommand) {
        Spec(Channel.self)
            .when(command)
            .thenThrows(DomainError.channelNotFound)
    }

    @Test("rename records the old and new names")
    func rename() {
        let state = Spec(Channel.self)
            .given(Fixture.draft)
            .when(.rename(newName: " US Store ", nameTakenBy: nil))
            .then([.renamed(ChannelRenamed(from: "EU Store", to: "US Store"))])
        #expect(state.name == "US Store")
    }

    @Test("renaming to the same display name records nothing")
    func renameSameName() {
        Spec(Channel.self)
            .given(Fixture.draft)
            .when(.rename(newName: "EU Store ", nameTakenBy: nil))
            .thenNothing()
    }

    @Test("renaming to another case of its own name is allowed")
    func renameCaseChange() {
        Spec(Channel.self)
            .given(Fixture.draft)
            .when(.rename(newName: "eu store", nameTakenBy: "EU Store"))
            .then([.renamed(ChannelRenamed(from: "EU Store", to: "eu store"))])
    }

    @Test("renaming to a name another channel owns is refused")
    func renameTaken() {
        Spec(Channel.self)
            .given(Fixture.draft)
            .when(.rename(newName: "US Store", nameTakenBy: "us store"))
            .thenThrows(DomainError.nameTaken(name: "US Store", takenBy: "us store"))
    }

    @Test("renaming validates the name like create")
    func renameValidates() {
        Spec(Channel.self)
            .given(Fixture.draft)
            .when(.rename(newName: "0192F3A0-0000-7000-8000-000000000001", nameTakenBy: nil))
            .thenThrows(
                DomainError.invalidChannelName(name: "0192F3A0-0000-7000-8000-000000000001", problem: .looksLikeUUID))
        Spec(Channel.self)
            .given(Fixture.draft)
            .when(.rename(newName: "Default", nameTakenBy: nil))
            .thenThrows(DomainError.nameReserved(name: "Default"))
    }
}

/// One sample of every channel command.
enum ChannelCommandSamples {
    static let allButCreate: [ChannelCommand] = [
        .rename(newName: "US Store", nameTakenBy: nil),
        .enterCredentials(clientID: "client-2", targetID: "target-2", secret: Fixture.otherSecret, targetTakenBy: nil),
        .completeAuthorization(through: Fixture.sandbox, fingerprint: Fixture.secret.fingerprint, outcome: .authorized),
        .configureMapping(name: "order", object: "Order__c", fields: []),
        .activateMappings(["order"]),
        .activateAllMappings,
        .deactivateMapping("order", suspend: true),
        .launch(connectedAppAuthorized: true),
        .suspend(reason: "maintenance"),
        .resume(connectedAppAuthorized: true),
        .archive,
    ]
}
