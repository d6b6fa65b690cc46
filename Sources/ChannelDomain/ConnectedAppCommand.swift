/// What can be asked of the connected app.
public enum ConnectedAppCommand: Sendable, Equatable {
    /// Record a registration and the transport's answer to authorizing it.
    case register(RegisterConnectedApp)
    /// Record that Salesforce refused the registration in force whose secret has this fingerprint.
    case revoke(fingerprint: String, code: String, message: String)
}

/// A registration the application validated and already tried to authorize.
public struct RegisterConnectedApp: Sendable, Equatable {
    /// The consumer key.
    public var consumerKey: String
    /// The My Domain URL.
    public var myDomain: String
    /// The sealed consumer secret.
    public var secret: SealedSecret
    /// The transport used to reach Salesforce.
    public var transport: String
    /// What the transport answered when asked to authorize these credentials.
    public var outcome: AuthorizationOutcome

    /// Creates the command's facts.
    public init(
        consumerKey: String, myDomain: String, secret: SealedSecret, transport: String, outcome: AuthorizationOutcome
    ) {
        self.consumerKey = consumerKey
        self.myDomain = myDomain
        self.secret = secret
        self.transport = transport
        self.outcome = outcome
    }
}
