/// One entry of a Salesforce error array: `[{"message", "errorCode", "fields"}]`.
struct SalesforceErrorEntry: Decodable, Sendable {
    var message: String?
    var errorCode: String?
}
