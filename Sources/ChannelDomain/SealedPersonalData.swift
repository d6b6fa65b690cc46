/// An order's personal fields (the customer's name and email), sealed under the data key of one
/// subject: only the subject's name and the ciphertext are recorded, never a fingerprint (a
/// fingerprint derived from the master key would outlive the key that forgetting deletes).
public struct SealedPersonalData: Codable, Sendable, Hashable {
    /// Whose key sealed it: `customer:<bwpCustomerId>`, or `customer:order:<order id>` for an
    /// order that names no customer (forgotten as the customer `order:<order id>`).
    public var subject: String
    /// Which of the subject's keys sealed it (a subject forgotten, then seen again, has a new key):
    /// a digest of that key's sealed form, which says nothing once the key is deleted. Absent in
    /// payloads written before keys had ids: those open with the subject's key, whichever it is.
    public var keyId: String?
    /// AES-GCM of the fields' JSON, base64.
    public var ciphertext: String

    /// Wraps fields already sealed.
    public init(subject: String, keyId: String?, ciphertext: String) {
        self.subject = subject
        self.keyId = keyId
        self.ciphertext = ciphertext
    }

    /// The subject whose key seals a customer's data.
    public static func subject(customerId: String) -> String { "customer:" + customerId }

    /// The customer id an order that names no customer is forgotten by: `order:<order id>`.
    public static func customerId(ofOrder orderId: String) -> String { "order:" + orderId }
}

extension SealedPersonalData: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The subject only, never the ciphertext.
    public var description: String { "SealedPersonalData(\(subject))" }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// The subject only, for `dump`.
    public var customMirror: Mirror { Mirror(self, children: ["subject": subject], displayStyle: .struct) }
}
