import ChannelDomain
import EventSourcing
import Foundation
import Transport

extension LedgerService {
    /// Every setting with its value in force and, when it was set, who set it and when.
    public func settings() async throws -> [SettingView] {
        let (state, changes) = try await foldSettings()
        return SettingKey.allCases.map { key in
            let event = changes[key.rawValue]
            return SettingView(
                key: key, value: state.value(of: key), isDefault: !state.isSet(key),
                setBy: event?.metadata.actor, setAt: event?.recordedAt)
        }
    }

    /// The settings calls to the services are made with.
    func callSettings() async throws -> SettingsState {
        try await foldSettings().state
    }

    /// The `settings` stream folded, with the event that last set each key.
    private func foldSettings() async throws -> (state: SettingsState, changes: [String: RecordedEvent]) {
        var state = Settings.initialState
        var changes: [String: RecordedEvent] = [:]
        for event in try await store.read(stream: Streams.settings) {
            let change = try SettingsEvent.codec.decode(event)
            state = Settings.evolve(state, change)
            if case .changed(let changed) = change { changes[changed.key] = event }
        }
        return (state, changes)
    }

    /// Sets a setting (`settings set KEY VALUE`); setting the value in force records nothing.
    public func setSetting(_ key: String, to value: String, context: CommandContext) async throws
        -> CommandResult<[SettingView]>
    {
        let changed = try await runner.run(
            Settings.self, stream: Streams.settings, codec: SettingsEvent.codec, context: context,
            payload: { $0.payload }
        ) { _ in .set(key: key, value: value) }
        return CommandResult(view: try await settings(), changed: changed)
    }
}

/// One setting as `settings list` shows it.
public struct SettingView: Sendable, Equatable {
    /// The key.
    public var key: SettingKey
    /// The value in force.
    public var value: String
    /// Whether no one set it (the value is the default).
    public var isDefault: Bool
    /// Who set it last, if anyone.
    public var setBy: String?
    /// When it was set last, if ever.
    public var setAt: Timestamp?
}

extension SettingsState {
    /// `http.request-timeout` as a duration.
    var requestTimeout: Duration {
        .seconds(Int(value(of: .requestTimeout)) ?? Int(SettingKey.requestTimeout.defaultValue) ?? 30)
    }

    /// `publish.max-attempts`: how many times an order is tried before the publisher gives up on it.
    var publishMaxAttempts: Int {
        Int(value(of: .publishMaxAttempts)) ?? Int(SettingKey.publishMaxAttempts.defaultValue) ?? 8
    }

    /// The wait before the next attempt at an order after `failures` failed ones:
    /// `publish.retry-delay` doubled with each, at most six hours.
    func publishRetryDelay(after failures: Int) -> Duration {
        let base = Int64(value(of: .publishRetryDelay)) ?? Int64(SettingKey.publishRetryDelay.defaultValue) ?? 60
        let doubled = base << Int64(min(max(failures - 1, 0), 20))
        return .seconds(min(doubled, 6 * 3_600))
    }

    /// A Buy with Prime account as a call needs it: the API version and timeout these settings name.
    func account(clientID: String, secret: Secret, targetID: String, endpoint: String?) -> BuyWithPrimeCredentials {
        BuyWithPrimeCredentials(
            clientID: clientID, clientSecret: secret, targetID: targetID, endpoint: endpoint,
            apiVersion: value(of: .buyWithPrimeAPIVersion), requestTimeout: requestTimeout)
    }

    /// The connected app's org as a call needs it: the API version and timeout these settings name.
    func org(consumerKey: String, secret: Secret, myDomain: String) -> SalesforceOrg {
        SalesforceOrg(
            consumerKey: consumerKey, consumerSecret: secret, myDomain: myDomain,
            apiVersion: value(of: .salesforceAPIVersion), requestTimeout: requestTimeout)
    }
}
