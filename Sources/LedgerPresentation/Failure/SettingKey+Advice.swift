import ChannelDomain

extension SettingKey {
    /// What values the key takes, as advice.
    var expected: String {
        switch self {
        case .buyWithPrimeAPIVersion: "give a date such as 2024-11-01 (the API's x-api-version)"
        case .salesforceAPIVersion: "give a version such as 62.0"
        case .orderExternalIDField, .orderChannelField: "give a Salesforce field API name; \(Fix.apiNameRule)"
        case .requestTimeout: "give whole seconds from 1 to 600"
        case .publishMaxAttempts: "give a whole number of attempts from 1 to 100"
        case .publishRetryDelay: "give whole seconds from 0 to 21600, six hours (0 tries again on every pass)"
        }
    }
}
