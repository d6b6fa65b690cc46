import Foundation

/// How the application should treat a domain error.
public enum DomainErrorCategory: Sendable {
    /// The command is not allowed in the current state or its input is invalid.
    case refused
    /// The channel, mapping, order or rule named does not exist.
    case notFound
}

/// What is wrong with a piece of input.
public enum InputProblem: Error, Sendable, Equatable {
    /// It is empty (or only whitespace).
    case empty
    /// It is longer than the limit, in characters.
    case tooLong(limit: Int)
    /// It contains whitespace where none is allowed.
    case whitespace
    /// It contains control characters.
    case controlCharacters
    /// It parses as a UUID, which would be ambiguous with lookup by id.
    case looksLikeUUID
}

/// Why a domain command was refused: the facts (which channel, mapping, field, state); the
/// executable's edge says how to fix it.
public enum DomainError: Error, Equatable {
    /// The channel does not exist.
    case channelNotFound
    /// A channel already exists in the stream a create targeted.
    case channelAlreadyExists(name: String)
    /// The channel is archived; nothing can change it.
    case channelArchived(name: String)
    /// A channel cannot be created before the connected app is registered and authorized.
    case connectedAppNotAuthorized(name: String)
    /// A single-account ledger cannot be upgraded before the connected app is registered and
    /// authorized, since the `Default` channel the upgrade launches needs it.
    case upgradeNeedsConnectedApp
    /// Account credentials belong to a single-account ledger (format 0); this one has that format.
    case accountNeedsSingleAccountLedger(format: Int)
    /// The requested mapping catalog version is unknown to this build.
    case unknownCatalogVersion(Int)
    /// A channel name is not acceptable.
    case invalidChannelName(name: String, problem: InputProblem)
    /// Another channel already owns the name's key.
    case nameTaken(name: String, takenBy: String)
    /// The name's key is reserved for the channel an upgrade creates.
    case nameReserved(name: String)
    /// A credential field (`client ID` or `target ID`) is not acceptable.
    case invalidCredential(channel: String, field: String, problem: InputProblem)
    /// Another non-archived channel already holds the target id.
    case targetTaken(channel: String, targetId: String, takenBy: String)
    /// The channel has no credentials to authorize.
    case noCredentials(channel: String)
    /// The pending credentials changed while they were being authorized.
    case credentialsChanged(channel: String)
    /// The channel's catalog has no mapping by that name.
    case unknownMapping(channel: String, mapping: String, valid: [String])
    /// A mapping source does not parse.
    case invalidMappingSource(String)
    /// A Salesforce object name is not an API name.
    case invalidObjectName(channel: String, mapping: String, object: String)
    /// A Salesforce field name is not an API name.
    case invalidFieldName(channel: String, mapping: String, field: String)
    /// An active mapping's object or fields cannot change; `channelLive` says whether deactivating
    /// it needs the channel suspended.
    case mappingActive(channel: String, mapping: String, channelLive: Bool)
    /// A mapping cannot activate while required fields have no source.
    case mappingIncomplete(channel: String, mapping: String, missing: [String])
    /// Deactivating a mapping of a live channel needs the channel suspended.
    case deactivationNeedsSuspend(channel: String, mapping: String)
    /// Launch gates are not met: a connected app in force, the channel's credentials in force
    /// (`credentials` is then `.authorized`) and every mapping active.
    case notReadyToLaunch(
        channel: String, connectedAppAuthorized: Bool, credentials: CredentialsStatus, inactiveMappings: [String])
    /// Resume gates are not met: the same gates as launch.
    case notReadyToResume(
        channel: String, connectedAppAuthorized: Bool, credentials: CredentialsStatus, inactiveMappings: [String])
    /// A suspended channel is put live with resume, not launch.
    case launchWhileSuspended(channel: String)
    /// Only a live channel can be suspended.
    case notLive(channel: String, status: ChannelStatus)
    /// Only a suspended channel can be resumed.
    case notSuspended(channel: String, status: ChannelStatus)
    /// A suspension needs a reason.
    case emptySuspensionReason(channel: String)
    /// The connected app's consumer key is not acceptable.
    case invalidConsumerKey(problem: InputProblem)
    /// The connected app's My Domain is not an https URL with a host.
    case invalidMyDomain(String)
    /// A Buy with Prime endpoint is not an https URL (or http on a loopback host).
    case invalidEndpoint(channel: String, endpoint: String)
    /// Moving a live channel to another transport needs the channel suspended.
    case transportChangeNeedsSuspend(channel: String, transport: String)
    /// No setting has this key; `known` lists the keys.
    case unknownSetting(String, known: [String])
    /// The setting does not accept this value.
    case invalidSetting(key: String, value: String)
    /// The order was never received, so nothing else can happen to it.
    case orderNotFound
    /// The order is already associated with another channel; moving it is a reassociation.
    case orderAlreadyAssociated(orderId: String, channelId: UUID)
    /// The order has no channel to move it from.
    case orderNotAssociated(orderId: String)
    /// Orders only go to live channels.
    case orderChannelNotLive(orderId: String, channelId: UUID)
    /// Moving an order to another channel needs a reason.
    case emptyReassociationReason(orderId: String)
    /// An association rule's name is not acceptable.
    case invalidRuleName(name: String, problem: InputProblem)
    /// Another rule already has the name (names compare case-insensitively).
    case ruleNameTaken(name: String, takenBy: String)
    /// The flow has no rule by that name; `known` lists its rules in order.
    case unknownRule(name: String, known: [String])
    /// A rule with conditions names no channel.
    case ruleChannelMissing(rule: String)
    /// A by-target-id rule names a channel; it picks the owner of the order's target ID itself.
    case ruleChannelWithTargetID(rule: String)
    /// A position is outside the flow: positions count from 1 to `last`.
    case invalidRulePosition(rule: String, position: Int, last: Int)
    /// A condition names a field routing does not read.
    case unknownConditionField(condition: String, field: String)
    /// A condition's operator is not `=`, `!=`, `prefix` or `in`.
    case unknownConditionOperator(condition: String, op: String)
    /// A condition has no value to compare with.
    case emptyConditionValue(condition: String)
    /// A webhook subscription name that cannot be a URL segment.
    case invalidWebhookSubscription(name: String)
    /// A basic-auth username that is empty, has whitespace or a colon, or is too long.
    case invalidWebhookUsername(subscription: String)
    /// No webhook subscription of this name.
    case unknownWebhookSubscription(name: String, known: [String])

    /// Whether the error means "not allowed" or "does not exist".
    public var category: DomainErrorCategory {
        switch self {
        case .channelNotFound, .unknownMapping, .orderNotFound, .unknownRule, .unknownWebhookSubscription: .notFound
        default: .refused
        }
    }
}
