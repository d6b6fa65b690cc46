import ChannelDomain
import ChannelLedgerTesting
import Foundation
import Testing

@Suite("Ledger format 0 and its upgrade")
struct LedgerUpgradeTests {
    static let storeID = UUID(uuidString: "0192F3A0-0000-7000-8000-0000000000AA")!
    static let defaultID = UUID(uuidString: "0192F3A0-0000-7000-8000-0000000000DE")!
    static let formatZero = LedgerEvent.initialized(
        LedgerInitialized(storeId: storeID, keyCheck: "check", schemaVersion: 0))
    static let formatOne = LedgerEvent.initialized(
        LedgerInitialized(storeId: storeID, keyCheck: "check", schemaVersion: 1))
    static let account = AccountCredentialsAuthorized(
        clientId: Fixture.clientID, targetId: Fixture.targetID, secret: Fixture.secret, transport: "sandbox",
        endpoint: "http://127.0.0.1:8080")
    static let upgraded = LedgerEvent.upgraded(LedgerUpgraded(from: 0, to: 1, channelId: defaultID))

    @Test("a format-0 ledger records its one account's authorized credentials")
    func recordAccount() {
        let state = Spec(Ledger.self)
            .given([Self.formatZero])
            .when(.recordAccount(Self.account))
            .then([.accountCredentialsAuthorized(Self.account)])
        #expect(state.account == Self.account)
        #expect(state.format == 0)
    }

    @Test("the same account credentials again record nothing")
    func recordAccountTwice() {
        Spec(Ledger.self)
            .given([Self.formatZero, .accountCredentialsAuthorized(Self.account)])
            .when(.recordAccount(Self.account))
            .thenNothing()
    }

    @Test("a format-1 ledger has channels, not an account")
    func recordAccountOnFormatOne() {
        Spec(Ledger.self)
            .given([Self.formatOne])
            .when(.recordAccount(Self.account))
            .thenThrows(DomainError.accountNeedsSingleAccountLedger(format: 1))
    }

    @Test("upgrading format 0 records LedgerUpgraded from 0 to 1 naming Default, and the ledger is format 1")
    func upgrade() {
        let state = Spec(Ledger.self)
            .given([Self.formatZero, .accountCredentialsAuthorized(Self.account)])
            .when(.upgrade(defaultChannel: Self.defaultID, connectedAppAuthorized: true))
            .then([Self.upgraded])
        #expect(state.format == 1)
        #expect(state.upgradedFrom == 0)
        #expect(state.defaultChannelId == Self.defaultID)
        #expect(state.account == Self.account, "the account stays on record")
    }

    @Test("upgrading needs an authorized connected app, since no channel goes live without one")
    func upgradeNeedsConnectedApp() {
        Spec(Ledger.self)
            .given([Self.formatZero, .accountCredentialsAuthorized(Self.account)])
            .when(.upgrade(defaultChannel: Self.defaultID, connectedAppAuthorized: false))
            .thenThrows(DomainError.upgradeNeedsConnectedApp)
    }

    @Test("upgrading an upgraded ledger, or one written as format 1, records nothing")
    func upgradeTwice() {
        Spec(Ledger.self)
            .given([Self.formatZero, Self.upgraded])
            .when(.upgrade(defaultChannel: UUID(), connectedAppAuthorized: true))
            .thenNothing()
        Spec(Ledger.self)
            .given([Self.formatOne])
            .when(.upgrade(defaultChannel: UUID(), connectedAppAuthorized: false))
            .thenNothing()
    }

    @Test("a ledger written today is format 1 and was never upgraded")
    func formatOneState() {
        let state = Ledger.fold([Self.formatOne])
        #expect(state.format == 1)
        #expect(state.upgradedFrom == nil)
        #expect(state.defaultChannelId == nil)
    }
}

@Suite("The Default channel of an upgrade")
struct DefaultChannelTests {
    static let account = LedgerUpgradeTests.account

    static func createDefault(
        credentials: AccountCredentialsAuthorized? = Self.account, connectedAppAuthorized: Bool = true,
        nameTakenBy: String? = nil
    ) -> ChannelCommand {
        .createDefault(
            DefaultChannel(
                id: Fixture.channelID, transport: "sandbox", endpoint: "http://127.0.0.1:8080",
                catalogVersion: 1, connectedAppAuthorized: connectedAppAuthorized, account: credentials,
                nameTakenBy: nameTakenBy))
    }

    static let created = ChannelEvent.created(
        ChannelCreated(
            channelId: Fixture.channelID, name: "Default", catalogVersion: 1, transport: "sandbox",
            endpoint: "http://127.0.0.1:8080"))

    @Test("Default is created with the old account's credentials, authorized, every mapping active, and launched")
    func createDefault() {
        let state = Spec(Channel.self)
            .when(Self.createDefault())
            .then(
                [
                    Self.created,
                    Fixture.entered(),
                    .credentialsAuthorized(
                        CredentialsAuthorized(
                            clientId: Fixture.clientID, targetId: Fixture.targetID,
                            fingerprint: Fixture.secret.fingerprint, transport: "sandbox",
                            endpoint: "http://127.0.0.1:8080")),
                ] + Fixture.allActivated + [.launched(ChannelLaunched())])
        #expect(state.isLive)
        #expect(state.name == "Default")
    }

    @Test("without an account Default is created with every mapping active but stays a draft")
    func createDefaultWithoutAccount() {
        let state = Spec(Channel.self)
            .when(Self.createDefault(credentials: nil))
            .then([Self.created] + Fixture.allActivated)
        #expect(state.status == .draft)
    }

    @Test("Default needs an authorized connected app")
    func createDefaultNeedsConnectedApp() {
        Spec(Channel.self)
            .when(Self.createDefault(connectedAppAuthorized: false))
            .thenThrows(DomainError.connectedAppNotAuthorized(name: "Default"))
    }

    @Test("Default is not created over an existing channel, nor when another channel holds its name")
    func createDefaultOnlyOnce() {
        Spec(Channel.self)
            .given(Fixture.draft)
            .when(Self.createDefault())
            .thenThrows(DomainError.channelAlreadyExists(name: "EU Store"))
        Spec(Channel.self)
            .when(Self.createDefault(nameTakenBy: "default"))
            .thenThrows(DomainError.nameTaken(name: "Default", takenBy: "default"))
    }

    @Test("no other channel may take Default's name, by creation or by renaming")
    func nameStaysReserved() {
        Spec(Channel.self)
            .when(Fixture.create(name: "DEFAULT"))
            .thenThrows(DomainError.nameReserved(name: "DEFAULT"))
        Spec(Channel.self)
            .given(Fixture.draft)
            .when(.rename(newName: "default", nameTakenBy: nil))
            .thenThrows(DomainError.nameReserved(name: "default"))
    }

    @Test("Default is a channel like the others: it can be renamed, and take its name back")
    func defaultRenames() {
        let history = Fixture.allActivated.reduce([Self.created]) { $0 + [$1] }
        Spec(Channel.self)
            .given(history)
            .when(.rename(newName: "Main store", nameTakenBy: nil))
            .then([.renamed(ChannelRenamed(from: "Default", to: "Main store"))])
        Spec(Channel.self)
            .given(history + [.renamed(ChannelRenamed(from: "Default", to: "Main store"))])
            .when(.rename(newName: "Default", nameTakenBy: nil))
            .then([.renamed(ChannelRenamed(from: "Main store", to: "Default"))])
    }
}
