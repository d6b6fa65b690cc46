import Foundation

/// A ledger-wide setting: what the services' documentation leaves unconfirmed is chosen here, once
/// for every process, and recorded (Docs/cli.md, `settings`).
public enum SettingKey: String, Sendable, CaseIterable, Codable {
    /// The `x-api-version` of Buy with Prime GraphQL calls.
    case buyWithPrimeAPIVersion = "buy-with-prime.api-version"
    /// The Salesforce REST API version (`/services/data/vNN.N/`).
    case salesforceAPIVersion = "salesforce.api-version"
    /// The `Order` field holding the Buy with Prime order id.
    case orderExternalIDField = "salesforce.order-external-id-field"
    /// The `Order` field that references the order's `SalesChannel`.
    case orderChannelField = "salesforce.order-channel-field"
    /// How long one request to either service may take, in seconds.
    case requestTimeout = "http.request-timeout"
    /// How many times the publisher tries an order the org does not take before it records
    /// `OrderPublishFailed`.
    case publishMaxAttempts = "publish.max-attempts"
    /// The publisher's wait before trying such an order again, in seconds (at most six hours); it
    /// doubles with each failed attempt, up to six hours.
    case publishRetryDelay = "publish.retry-delay"

    /// The value in force while none is set.
    public var defaultValue: String {
        switch self {
        case .buyWithPrimeAPIVersion: "2024-11-01"
        case .salesforceAPIVersion: "62.0"
        case .orderExternalIDField: "Amazon_bwp_oms__amazonBwpOrderID__c"
        case .orderChannelField: "SalesChannelId"
        case .requestTimeout: "30"
        case .publishMaxAttempts: "8"
        case .publishRetryDelay: "60"
        }
    }

    /// The value as it is recorded (trimmed), or nil when this key does not accept it.
    public func normalized(_ raw: String) -> String? {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let valid: Bool =
            switch self {
            case .buyWithPrimeAPIVersion: Self.isDate(value)
            case .salesforceAPIVersion: Self.isAPIVersion(value)
            case .orderExternalIDField, .orderChannelField: Identifier.isSalesforceName(value)
            case .requestTimeout: Int(value).map { (1...600).contains($0) } ?? false
            case .publishMaxAttempts: Int(value).map { (1...100).contains($0) } ?? false
            case .publishRetryDelay: Int(value).map { (0...21_600).contains($0) } ?? false
            }
        return valid ? value : nil
    }

    /// `YYYY-MM-DD`, a real date.
    private static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) })
        else { return false }
        let components = DateComponents(calendar: Calendar(identifier: .gregorian), year: year, month: month, day: day)
        return (1...12).contains(month) && components.isValidDate
    }

    /// `NN.N`: digits, a dot, one digit.
    private static func isAPIVersion(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...3).contains(parts[0].count), parts[1].count == 1 else { return false }
        return parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
