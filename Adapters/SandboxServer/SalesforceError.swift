/// One entry of a Salesforce REST error answer: `[{"message", "errorCode", "fields"}]`.
struct SalesforceError: Error, Sendable, Equatable {
    var errorCode: String
    var message: String
    var fields: [String] = []

    /// The entry as JSON.
    var json: JSONValue {
        ["errorCode": .string(errorCode), "message": .string(message), "fields": .array(fields.map(JSONValue.string))]
    }

    /// Several entries as the JSON array Salesforce answers with.
    static func body(_ errors: [SalesforceError]) -> JSONValue {
        .array(errors.map(\.json))
    }

    static let invalidSession = SalesforceError(
        errorCode: "INVALID_SESSION_ID", message: "Session expired or invalid")

    static let notFound = SalesforceError(errorCode: "NOT_FOUND", message: "The requested resource does not exist")

    static func malformedQuery(_ message: String) -> SalesforceError {
        SalesforceError(errorCode: "MALFORMED_QUERY", message: message)
    }
}

/// What a write to one record came to: its HTTP status and, when it failed, the errors.
struct RecordWrite: Sendable, Equatable {
    var status: Int
    var errors: [SalesforceError] = []

    static let updated = RecordWrite(status: 204)

    static func failed(_ status: Int, _ error: SalesforceError) -> RecordWrite {
        RecordWrite(status: status, errors: [error])
    }
}
