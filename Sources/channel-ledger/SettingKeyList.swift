import ChannelDomain

/// The setting keys with their defaults, for help texts.
enum SettingKeyList {
    static let text = SettingKey.allCases.map { "\($0.rawValue) (default \($0.defaultValue))" }.joined(separator: ", ")
}
