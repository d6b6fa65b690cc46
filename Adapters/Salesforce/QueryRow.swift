import Foundation

/// A row of a query: its text fields by lower-cased name, since Salesforce answers with each
/// field's own spelling whatever case the query used. `attributes` (the row's metadata object) is
/// skipped unread, and any other value that is not text (null, a number) is left out.
struct QueryRow: Decodable {
    var text: [String: String] = [:]

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FieldName.self)
        for key in container.allKeys where key.stringValue != "attributes" {
            if let value = try? container.decodeIfPresent(String.self, forKey: key) {
                text[key.stringValue.lowercased()] = value
            }
        }
    }

    /// Any field's name.
    struct FieldName: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
