import ChannelDomain
import Foundation

/// One of every kind of ``DomainError``, for the tests of their facts (the domain) and of their
/// advice (the CLI's edge), which must cover the same cases.
public enum DomainErrorSamples {
    /// Every case, some twice with other facts.
    public static let samples: [DomainError] = [
        .channelNotFound,
        .channelAlreadyExists(name: "EU Store"),
        .channelArchived(name: "EU Store"),
        .connectedAppNotAuthorized(name: "EU Store"),
        .upgradeNeedsConnectedApp,
        .accountNeedsSingleAccountLedger(format: 1),
        .unknownCatalogVersion(7),
        .invalidChannelName(name: "", problem: .empty),
        .invalidChannelName(name: "EU\nStore", problem: .controlCharacters),
        .invalidChannelName(name: "x", problem: .tooLong(limit: 80)),
        .invalidChannelName(name: "0192F3A0-0000-7000-8000-000000000001", problem: .looksLikeUUID),
        .nameTaken(name: "eu store", takenBy: "EU Store"),
        .nameReserved(name: "Default"),
        .invalidCredential(channel: "EU Store", field: "client ID", problem: .whitespace),
        .targetTaken(channel: "EU Store", targetId: "target-1", takenBy: "US Store"),
        .noCredentials(channel: "EU Store"),
        .credentialsChanged(channel: "EU Store"),
        .unknownMapping(channel: "EU Store", mapping: "invoice", valid: ["order"]),
        .invalidMappingSource("$.a\nb"),
        .invalidObjectName(channel: "EU Store", mapping: "order", object: "1x"),
        .invalidFieldName(channel: "EU Store", mapping: "order", field: "a b"),
        .mappingActive(channel: "EU Store", mapping: "order", channelLive: false),
        .mappingIncomplete(channel: "EU Store", mapping: "order", missing: ["Status"]),
        .deactivationNeedsSuspend(channel: "EU Store", mapping: "order"),
        .notReadyToLaunch(
            channel: "EU Store", connectedAppAuthorized: true, credentials: .none,
            inactiveMappings: ["order", "refund"]),
        .notReadyToLaunch(
            channel: "EU Store", connectedAppAuthorized: true, credentials: .entered, inactiveMappings: []),
        .notReadyToResume(
            channel: "EU Store", connectedAppAuthorized: true, credentials: .failed, inactiveMappings: ["order"]),
        .notReadyToLaunch(
            channel: "EU Store", connectedAppAuthorized: false, credentials: .authorized, inactiveMappings: []),
        .notReadyToResume(channel: "EU Store", connectedAppAuthorized: false, credentials: .none, inactiveMappings: []),
        .launchWhileSuspended(channel: "EU Store"),
        .notLive(channel: "EU Store", status: .ready),
        .notSuspended(channel: "EU Store", status: .draft),
        .emptySuspensionReason(channel: "EU Store"),
        .invalidConsumerKey(problem: .empty),
        .invalidMyDomain("http://acme.my.salesforce.com"),
        .mappingActive(channel: "EU Store", mapping: "order", channelLive: true),
        .invalidEndpoint(channel: "EU Store", endpoint: "http://api.example.com"),
        .transportChangeNeedsSuspend(channel: "EU Store", transport: "live"),
        .unknownSetting("salesforce.colour", known: ["salesforce.api-version"]),
        .invalidSetting(key: "http.request-timeout", value: "0"),
        .orderNotFound,
        .orderAlreadyAssociated(orderId: "322-K7QD-104522", channelId: sampleChannel),
        .orderNotAssociated(orderId: "322-K7QD-104522"),
        .orderChannelNotLive(orderId: "322-K7QD-104522", channelId: sampleChannel),
        .emptyReassociationReason(orderId: "322-K7QD-104522"),
        .invalidRuleName(name: "eu orders", problem: .whitespace),
        .ruleNameTaken(name: "EU-orders", takenBy: "eu-orders"),
        .unknownRule(name: "us-orders", known: ["by-target-id", "eu-orders"]),
        .invalidWebhookSubscription(name: "orders/eu"),
        .invalidWebhookUsername(subscription: "orders-eu"),
        .unknownWebhookSubscription(name: "orders-us", known: ["orders-eu"]),
        .ruleChannelMissing(rule: "eu-orders"),
        .ruleChannelWithTargetID(rule: "eu-orders"),
        .invalidRulePosition(rule: "eu-orders", position: 9, last: 2),
        .unknownConditionField(condition: "colour = red", field: "colour"),
        .unknownConditionOperator(condition: "currency ~ EUR", op: "~"),
        .emptyConditionValue(condition: "currency ="),
    ]

    /// The channel id the order samples name.
    public static let sampleChannel = UUID(uuidString: "0192F3A0-0000-7000-8000-000000000001")!
}
