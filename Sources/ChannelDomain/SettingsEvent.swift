import EventSourcing

/// Everything that can happen to the settings (stream `settings`).
public enum SettingsEvent: Sendable, Equatable {
    /// A setting changed.
    case changed(SettingChanged)

    /// The wrapped payload.
    public var payload: any EventPayload {
        switch self {
        case .changed(let payload): payload
        }
    }

    /// The codec that reads every settings event from the log.
    public static let codec: EventCodec<SettingsEvent> = {
        var codec = EventCodec<SettingsEvent>()
        codec.register(SettingChanged.self) { .changed($0) }
        return codec
    }()
}

/// A ledger-wide setting took a new value.
public struct SettingChanged: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "SettingChanged"
    /// The key, e.g. `salesforce.api-version`.
    public let key: String
    /// The value, normalized.
    public let value: String

    /// Creates the payload.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}
