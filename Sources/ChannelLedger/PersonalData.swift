/// An order's personal fields in clear: what is sealed under the customer's key, and what
/// `orders show` prints until the customer is forgotten. Never recorded as it is.
public struct PersonalData: Codable, Sendable, Hashable {
    /// The customer's name.
    public var name: String?
    /// The customer's email address.
    public var email: String?

    /// Personal fields.
    public init(name: String? = nil, email: String? = nil) {
        self.name = name
        self.email = email
    }

    /// Whether there is anything to seal.
    public var isEmpty: Bool { name == nil && email == nil }
}

extension PersonalData: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Redacted: personal data never reaches a log through string interpolation.
    public var description: String { "PersonalData(redacted)" }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// No children, for `dump`.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
