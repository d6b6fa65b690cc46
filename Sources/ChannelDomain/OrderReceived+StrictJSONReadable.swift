import EventSourcing

/// The payload every order begins with, read by a fold once per order: read field by field as its
/// synthesized `Decodable` conformance reads it (the email domain as recorded, not lower-cased
/// again), or left to `JSONDecoder`.
extension OrderReceived: StrictJSONReadable {
    private static let names: Set<String> = [
        "orderId", "targetId", "aliases", "currencies", "skus", "externalSkus", "lineCount", "totals", "customerId",
        "emailDomain", "personal",
    ]

    /// The payload, or nil when the JSON is anything its reader is not sure of.
    package init?(strictJSON json: StrictJSON) {
        do throws(StrictJSONFields.NotSure) {
            let fields = try StrictJSONFields(json, names: Self.names)
            orderId = try fields.string("orderId")
            targetId = try fields.string("targetId")
            aliases = try fields.required("aliases") { json throws(StrictJSONFields.NotSure) in
                try StrictJSONFields.array(json, Alias.init(strictJSON:))
            }
            currencies = try fields.required("currencies", StrictJSONFields.strings)
            skus = try fields.required("skus", StrictJSONFields.strings)
            externalSkus = try fields.required("externalSkus", StrictJSONFields.strings)
            lineCount = try fields.required("lineCount", StrictJSONFields.int)
            totals = try fields.required("totals", StrictJSONFields.stringDictionary)
            customerId = try fields.optionalString("customerId")
            emailDomain = try fields.optionalString("emailDomain")
            personal = try fields.optional("personal", SealedPersonalData.init(strictJSON:))
        } catch {
            return nil
        }
    }
}

extension OrderReceived.Alias {
    /// An alias as its synthesized `Decodable` conformance reads it.
    init(strictJSON json: StrictJSON) throws(StrictJSONFields.NotSure) {
        let fields = try StrictJSONFields(json, names: ["aliasType", "aliasId"])
        self.init(aliasType: try fields.string("aliasType"), aliasId: try fields.string("aliasId"))
    }
}

extension SealedPersonalData {
    /// Sealed fields as their synthesized `Decodable` conformance reads them.
    init(strictJSON json: StrictJSON) throws(StrictJSONFields.NotSure) {
        let fields = try StrictJSONFields(json, names: ["subject", "keyId", "ciphertext"])
        self.init(
            subject: try fields.string("subject"), keyId: try fields.optionalString("keyId"),
            ciphertext: try fields.string("ciphertext"))
    }
}
