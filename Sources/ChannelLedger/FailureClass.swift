/// The documented exit code of each class of failure (Docs/cli.md).
public enum FailureClass: Int32, Sendable, CaseIterable {
    /// Something unexpected: a bug or an environment problem not covered below.
    case internalError = 1
    /// A rule of the domain refused the command; nothing was recorded.
    case refused = 3
    /// A channel, mapping or store that does not exist.
    case notFound = 4
    /// Buy with Prime or Salesforce rejected the credentials; the failure was recorded.
    case rejected = 5
    /// The service could not be reached; nothing was recorded.
    case unavailable = 6
    /// Other writers kept changing the same state; retried and gave up.
    case conflict = 7
    /// `verify` found a broken hash chain.
    case verifyFailed = 8
    /// The store or its master key cannot be used (wrong key, missing key file, unreadable file).
    case storeOrKey = 9
    /// Bad arguments (swift-argument-parser's validation exit code).
    case usage = 64
}

/// An error that knows its failure class (the edge gives its message).
public protocol ClassifiedError: Error {
    /// The class of the failure, which decides the exit code.
    var failureClass: FailureClass { get }
}
