import EventSourcing

/// The decider of the `settings` stream: one value per ``SettingKey``, changed by events.
public enum Settings: Decider {
    /// Change one setting.
    public typealias Command = SettingsCommand
    /// A setting changed.
    public typealias Event = SettingsEvent
    /// The values set so far.
    public typealias State = SettingsState

    /// No setting changed: every key reads its default.
    public static var initialState: SettingsState { SettingsState() }

    /// `SettingChanged` with the normalized value; nothing when the value is already in force.
    public static func decide(_ command: SettingsCommand, _ state: SettingsState) throws -> [SettingsEvent] {
        switch command {
        case .set(let rawKey, let rawValue):
            let name = rawKey.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let key = SettingKey(rawValue: name) else {
                throw DomainError.unknownSetting(name, known: SettingKey.allCases.map(\.rawValue))
            }
            guard let value = key.normalized(rawValue) else {
                throw DomainError.invalidSetting(
                    key: key.rawValue, value: rawValue.trimmingCharacters(in: .whitespaces))
            }
            guard value != state.value(of: key) else { return [] }
            return [.changed(SettingChanged(key: key.rawValue, value: value))]
        }
    }

    /// The state after one more event; a key this version does not know is kept as it was recorded.
    public static func evolve(_ state: SettingsState, _ event: SettingsEvent) -> SettingsState {
        var state = state
        switch event {
        case .changed(let changed): state.values[changed.key] = changed.value
        }
        return state
    }
}

/// What can be asked of the settings.
public enum SettingsCommand: Sendable, Equatable {
    /// Set a key (as typed) to a value (as typed).
    case set(key: String, value: String)
}

/// The settings as their events left them.
public struct SettingsState: Sendable, Equatable, Codable {
    /// The values set, by key; keys never set read their default.
    public var values: [String: String] = [:]

    /// No value set.
    public init() {}

    /// The value in force for a key: the last one set, else its default. A recorded value the key
    /// does not take (an imported log, a hand-made event) reads as the default, so it never reaches
    /// a URL or a header.
    public func value(of key: SettingKey) -> String {
        values[key.rawValue].flatMap(key.normalized) ?? key.defaultValue
    }

    /// Whether the key was ever set (the value may equal the default).
    public func isSet(_ key: SettingKey) -> Bool { values[key.rawValue] != nil }
}
