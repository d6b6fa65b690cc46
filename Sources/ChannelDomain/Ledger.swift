import EventSourcing

/// The decider of the `ledger` stream: the store's identity, key check and format, the one
/// account of a single-account ledger, and the upgrade that turns it into channels.
public enum Ledger: Decider {
    /// Initialize, record the single account, upgrade.
    public typealias Command = LedgerCommand
    /// `LedgerInitialized`, `AccountCredentialsAuthorized`, `LedgerUpgraded`.
    public typealias Event = LedgerEvent
    /// The store's identity as its events left it.
    public typealias State = LedgerState

    /// The format this build writes and reads: channels, orders, the association flow.
    public static let currentFormat = 1
    /// The single-account format that the upgrade turns into ``currentFormat``.
    public static let singleAccountFormat = 0

    /// A ledger that was never initialized.
    public static var initialState: LedgerState { LedgerState() }

    /// The events a command causes, or a thrown ``DomainError``.
    public static func decide(_ command: LedgerCommand, _ state: LedgerState) throws -> [LedgerEvent] {
        switch command {
        case .initialize(let storeId, let keyCheck, let schemaVersion):
            guard !state.isInitialized else { return [] }
            return [.initialized(LedgerInitialized(storeId: storeId, keyCheck: keyCheck, schemaVersion: schemaVersion))]
        case .recordAccount(let account):
            guard state.format == singleAccountFormat else {
                throw DomainError.accountNeedsSingleAccountLedger(format: state.format)
            }
            guard account != state.account else { return [] }
            return [.accountCredentialsAuthorized(account)]
        case .upgrade(let defaultChannel, let connectedAppAuthorized):
            guard state.format == singleAccountFormat else { return [] }
            guard connectedAppAuthorized else { throw DomainError.upgradeNeedsConnectedApp }
            return [.upgraded(LedgerUpgraded(from: state.format, to: currentFormat, channelId: defaultChannel))]
        }
    }

    /// The state after one more event.
    public static func evolve(_ state: LedgerState, _ event: LedgerEvent) -> LedgerState {
        var state = state
        switch event {
        case .initialized(let initialized):
            state.storeId = initialized.storeId
            state.keyCheck = initialized.keyCheck
            state.formatRecorded = initialized.schemaVersion
        case .accountCredentialsAuthorized(let account):
            state.account = account
        case .upgraded(let upgraded):
            state.upgradedFrom = upgraded.from
            state.formatRecorded = upgraded.to
            state.defaultChannelId = upgraded.channelId
        }
        return state
    }
}
