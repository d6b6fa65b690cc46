import Foundation

/// An `application/x-www-form-urlencoded` body, as token requests send it.
public enum FormBody {
    /// The body of `fields`, each name and value percent-encoded.
    public static func encode(_ fields: [(String, String)]) -> Data {
        let text = fields.map { "\(ServiceEndpoint.percentEncoded($0))=\(ServiceEndpoint.percentEncoded($1))" }
            .joined(separator: "&")
        return Data(text.utf8)
    }
}
