/// One entry of the `errors` array of a Buy with Prime GraphQL response (a 200 with errors is a failure).
///
/// Buy with Prime documents each error by an *error type* (`AccessDeniedError`, `ConflictError`,
/// `InternalServerError`, `ResourceNotFoundError`, `ThrottlingError`, `ValidationError`) and, for some,
/// an *error code*. Where they sit in the JSON is unconfirmed; this mirrors the GraphQL convention of
/// carrying them in `extensions`: `{"message", "extensions": {"errorType", "errorCode"}}`; other members
/// (`path`, `locations`) are ignored.
public struct BuyWithPrimeGraphQLError: Codable, Sendable, Equatable {
    /// The type and code of a Buy with Prime error.
    public struct Extensions: Codable, Sendable, Equatable {
        /// The error type, e.g. `AccessDeniedError`.
        public var errorType: String
        /// The error code within the type, e.g. `InvalidAddress` for a `ValidationError`; often absent.
        public var errorCode: String?

        /// Creates the extensions of an error.
        public init(errorType: String, errorCode: String? = nil) {
            self.errorType = errorType
            self.errorCode = errorCode
        }
    }

    /// The error message.
    public var message: String
    /// The error type and code.
    public var extensions: Extensions?

    /// Creates a GraphQL error entry.
    public init(message: String, extensions: Extensions? = nil) {
        self.message = message
        self.extensions = extensions
    }

    /// The error type, or `GraphQLError` when the entry carries none.
    public var errorType: String { extensions?.errorType ?? "GraphQLError" }

    /// Whether this error means the service failed rather than refused (`InternalServerError`, `ThrottlingError`).
    public var isUnavailable: Bool { ["InternalServerError", "ThrottlingError"].contains(errorType) }

    /// The transport error this entry means: unavailable for server errors and throttling (once the
    /// caller's retries are spent), otherwise a rejection coded `errorType` or `errorType.errorCode`.
    public var transportError: TransportError {
        if isUnavailable {
            return .unavailable(service: .buyWithPrime, reason: "\(errorType): \(message)")
        }
        let code = extensions?.errorCode.map { "\(errorType).\($0)" } ?? errorType
        return .rejected(service: .buyWithPrime, code: code, message: message)
    }
}
