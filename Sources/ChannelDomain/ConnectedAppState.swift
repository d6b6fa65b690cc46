/// The connected app as its events left it.
public struct ConnectedAppState: Codable, Sendable, Equatable {
    /// The registered consumer key, or nil before registration.
    public var consumerKey: String?
    /// The registered My Domain URL, or nil.
    public var myDomain: String?
    /// The fingerprint of the registered secret, or nil.
    public var secretFingerprint: String?
    /// The transport used to reach Salesforce, or nil.
    public var transport: String?
    /// Whether the registered credentials are authorized.
    public var authorization: ConnectedAppAuthorization
    /// Why the last authorization failed, or nil.
    public var failure: AuthorizationFailure?

    /// Creates a state.
    public init(
        consumerKey: String? = nil,
        myDomain: String? = nil,
        secretFingerprint: String? = nil,
        transport: String? = nil,
        authorization: ConnectedAppAuthorization = .none,
        failure: AuthorizationFailure? = nil
    ) {
        self.consumerKey = consumerKey
        self.myDomain = myDomain
        self.secretFingerprint = secretFingerprint
        self.transport = transport
        self.authorization = authorization
        self.failure = failure
    }

    /// Whether the connected app is registered.
    public var isRegistered: Bool { consumerKey != nil }

    /// Whether the registered credentials are authorized (channels can be created).
    public var isAuthorized: Bool { authorization == .authorized }
}

/// The authorization status of the connected app.
public enum ConnectedAppAuthorization: String, Codable, Sendable, CaseIterable {
    /// Not registered, or registered and not yet authorized.
    case none
    /// Authorized.
    case authorized
    /// The last authorization failed.
    case failed
}
