import EventSourcing

/// Everything that can happen to the connected app (stream `connected-app`).
public enum ConnectedAppEvent: Sendable, Equatable {
    /// The connected app's credentials were registered; they are pending until authorized.
    case registered(ConnectedAppRegistered)
    /// The pending registration was authorized and is now in force, replacing the previous one.
    case authorized(ConnectedAppAuthorized)
    /// Authorizing the pending registration failed; the registration in force, if any, stays.
    case authorizationFailed(ConnectedAppAuthorizationFailed)
    /// Salesforce refused the registration in force since it was authorized (the app was revoked).
    case authorizationRevoked(ConnectedAppAuthorizationRevoked)

    /// The wrapped payload.
    public var payload: any EventPayload {
        switch self {
        case .registered(let payload): payload
        case .authorized(let payload): payload
        case .authorizationFailed(let payload): payload
        case .authorizationRevoked(let payload): payload
        }
    }

    /// The wire name of the wrapped payload.
    public var wireName: String { type(of: payload).wireName }

    /// The codec that reads every connected app event from the log.
    public static let codec: EventCodec<ConnectedAppEvent> = {
        var codec = EventCodec<ConnectedAppEvent>()
        codec.register(ConnectedAppRegistered.self) { .registered($0) }
        codec.register(ConnectedAppAuthorized.self) { .authorized($0) }
        codec.register(ConnectedAppAuthorizationFailed.self) { .authorizationFailed($0) }
        codec.register(ConnectedAppAuthorizationRevoked.self) { .authorizationRevoked($0) }
        return codec
    }()
}

/// The connected app's consumer key, My Domain, sealed secret and transport were registered.
public struct ConnectedAppRegistered: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "ConnectedAppRegistered"
    /// The connected app's consumer key.
    public let consumerKey: String
    /// The org's My Domain URL, `https://host`.
    public let myDomain: String
    /// The sealed consumer secret.
    public let secret: SealedSecret
    /// The transport used to reach Salesforce.
    public let transport: String

    /// Creates the payload.
    public init(consumerKey: String, myDomain: String, secret: SealedSecret, transport: String) {
        self.consumerKey = consumerKey
        self.myDomain = myDomain
        self.secret = secret
        self.transport = transport
    }
}

/// The registered connected app credentials were authorized.
public struct ConnectedAppAuthorized: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "ConnectedAppAuthorized"
    /// The consumer key that was authorized.
    public let consumerKey: String
    /// The fingerprint of the authorized secret.
    public let fingerprint: String

    /// Creates the payload.
    public init(consumerKey: String, fingerprint: String) {
        self.consumerKey = consumerKey
        self.fingerprint = fingerprint
    }
}

/// Authorizing the registered connected app credentials failed.
public struct ConnectedAppAuthorizationFailed: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "ConnectedAppAuthorizationFailed"
    /// The consumer key that was refused.
    public let consumerKey: String
    /// The fingerprint of the refused secret.
    public let fingerprint: String
    /// The service's error code.
    public let code: String
    /// The service's error message.
    public let message: String

    /// Creates the payload.
    public init(consumerKey: String, fingerprint: String, code: String, message: String) {
        self.consumerKey = consumerKey
        self.fingerprint = fingerprint
        self.code = code
        self.message = message
    }
}

/// Salesforce refused the connected app's registration in force (`invalid_client`: the app was
/// revoked or its secret changed) when the publisher used it; the authorization ends.
public struct ConnectedAppAuthorizationRevoked: EventPayload {
    /// The stable name stored in the log.
    public static let wireName = "ConnectedAppAuthorizationRevoked"
    /// The consumer key that was refused.
    public let consumerKey: String
    /// The fingerprint of the refused secret: the registration that was in force.
    public let fingerprint: String
    /// The service's error code.
    public let code: String
    /// The service's error message.
    public let message: String

    /// Creates the payload.
    public init(consumerKey: String, fingerprint: String, code: String, message: String) {
        self.consumerKey = consumerKey
        self.fingerprint = fingerprint
        self.code = code
        self.message = message
    }
}
