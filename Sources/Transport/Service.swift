/// The remote services a transport talks to; the raw value is the name shown to people.
public enum Service: String, Sendable {
    /// Amazon's Buy with Prime API (OAuth token endpoint plus GraphQL).
    case buyWithPrime = "Buy with Prime"
    /// The Salesforce org (OAuth token endpoint plus REST).
    case salesforce = "Salesforce"
}
