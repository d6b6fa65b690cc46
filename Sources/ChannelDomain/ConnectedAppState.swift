/// The connected app as its events left it: the registration in force and the one pending, kept apart.
public struct ConnectedAppState: Codable, Sendable, Equatable {
    /// The last registration Salesforce authorized, or nil when none ever was.
    ///
    /// Only `ConnectedAppAuthorized` changes it; a later registration, rejected or not yet
    /// authorized, leaves it in force.
    public var inForce: ConnectedAppRegistration?
    /// A registration recorded after the one in force and not authorized, or nil.
    public var pending: PendingConnectedApp?
    /// The registration Salesforce refused since it was in force, and why; nil once one is authorized again.
    public var revocation: RevokedConnectedApp?

    /// Creates a state.
    public init(inForce: ConnectedAppRegistration? = nil, pending: PendingConnectedApp? = nil) {
        self.inForce = inForce
        self.pending = pending
    }

    /// Whether the connected app was ever registered.
    public var isRegistered: Bool { inForce != nil || pending != nil }

    /// Whether a registration is in force (it is authorized by construction): channels can be created and launched.
    public var isAuthorized: Bool { inForce != nil }

    /// The registration recorded last: the pending one, else the one in force.
    public var latest: ConnectedAppRegistration? { pending?.registration ?? inForce ?? revocation?.registration }

    /// `authorized` while a registration is in force, else `failed` when the pending one was
    /// rejected, else `revoked` when Salesforce refused the one that was in force, else `none`.
    public var authorization: ConnectedAppAuthorization {
        if inForce != nil { return .authorized }
        if pending?.failure != nil { return .failed }
        return revocation == nil ? .none : .revoked
    }
}

/// The authorization status of the connected app.
public enum ConnectedAppAuthorization: String, Codable, Sendable, CaseIterable {
    /// Never registered, or registered and not yet authorized.
    case none
    /// A registration is in force.
    case authorized
    /// No registration is in force and the last one was rejected.
    case failed
    /// Salesforce refused the registration that was in force (the app was revoked); register again.
    case revoked
}

/// One registration of the connected app: what Salesforce was asked to authorize.
public struct ConnectedAppRegistration: Codable, Sendable, Equatable {
    /// The consumer key.
    public var consumerKey: String
    /// The My Domain URL, `https://host`.
    public var myDomain: String
    /// The sealed consumer secret: calls to Salesforce unseal it where they leave.
    public var secret: SealedSecret
    /// The transport used to reach Salesforce.
    public var transport: String

    /// Creates a registration.
    public init(consumerKey: String, myDomain: String, secret: SealedSecret, transport: String) {
        self.consumerKey = consumerKey
        self.myDomain = myDomain
        self.secret = secret
        self.transport = transport
    }

    /// The fingerprint of the consumer secret.
    public var secretFingerprint: String { secret.fingerprint }

    /// Whether both register the same app: the same key, My Domain, secret (by fingerprint: a
    /// secret sealed again has another ciphertext) and transport.
    public func registersSameApp(as other: ConnectedAppRegistration) -> Bool {
        consumerKey == other.consumerKey && myDomain == other.myDomain && secretFingerprint == other.secretFingerprint
            && transport == other.transport
    }
}

/// A registration awaiting authorization, or rejected.
public struct PendingConnectedApp: Codable, Sendable, Equatable {
    /// What was registered.
    public var registration: ConnectedAppRegistration
    /// Why Salesforce rejected it, or nil when no answer is recorded yet.
    public var failure: AuthorizationFailure?

    /// Creates a pending registration.
    public init(registration: ConnectedAppRegistration, failure: AuthorizationFailure? = nil) {
        self.registration = registration
        self.failure = failure
    }
}

/// The registration that was in force when Salesforce refused it, and its answer.
public struct RevokedConnectedApp: Codable, Sendable, Equatable {
    /// The registration refused.
    public var registration: ConnectedAppRegistration
    /// Salesforce's code and message.
    public var failure: AuthorizationFailure

    /// Creates the facts.
    public init(registration: ConnectedAppRegistration, failure: AuthorizationFailure) {
        self.registration = registration
        self.failure = failure
    }
}
