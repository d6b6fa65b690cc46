import EventSourcing

/// The payload every order begins with, read by a fold once per order: read field by field as its
/// synthesized `Decodable` conformance reads it (the email domain as recorded, not lower-cased
/// again), or left to `JSONDecoder`.
extension OrderReceived: StrictJSONReadable {
    private static let names: Set<String> = [
        "orderId", "targetId", "aliases", "currencies", "skus", "externalSkus", "lineCount", "totals", "customerId",
        "emailDomain", "personal",
    ]

    /// The payload; throws when the JSON is anything its reader is not sure of.
    package init(strictJSON json: StrictJSON) throws(StrictJSONFields.NotSure) {
        let fields = try StrictJSONFields(json, names: Self.names)
        self.init(
            recordedOrderId: try fields.string("orderId"), targetId: try fields.string("targetId"),
            aliases: try fields.required("aliases") { json throws(StrictJSONFields.NotSure) in
                try StrictJSONFields.array(json, Alias.init(strictJSON:))
            },
            currencies: try fields.required("currencies", StrictJSONFields.strings),
            skus: try fields.required("skus", StrictJSONFields.strings),
            externalSkus: try fields.required("externalSkus", StrictJSONFields.strings),
            lineCount: try fields.required("lineCount", StrictJSONFields.int),
            totals: try fields.required("totals", StrictJSONFields.stringDictionary),
            customerId: try fields.optionalString("customerId"), emailDomain: try fields.optionalString("emailDomain"),
            personal: try fields.optional("personal", SealedPersonalData.init(strictJSON:)))
    }

    /// The payload as recorded: every field as given, the email domain's case included.
    init(
        recordedOrderId orderId: String, targetId: String, aliases: [Alias], currencies: [String], skus: [String],
        externalSkus: [String], lineCount: Int, totals: [String: String], customerId: String?, emailDomain: String?,
        personal: SealedPersonalData?
    ) {
        self.orderId = orderId
        self.targetId = targetId
        self.aliases = aliases
        self.currencies = currencies
        self.skus = skus
        self.externalSkus = externalSkus
        self.lineCount = lineCount
        self.totals = totals
        self.customerId = customerId
        self.emailDomain = emailDomain
        self.personal = personal
    }
}

extension OrderReceived.Alias {
    private static let names: Set<String> = ["aliasType", "aliasId"]

    /// An alias as its synthesized `Decodable` conformance reads it.
    init(strictJSON json: StrictJSON) throws(StrictJSONFields.NotSure) {
        let fields = try StrictJSONFields(json, names: Self.names)
        self.init(aliasType: try fields.string("aliasType"), aliasId: try fields.string("aliasId"))
    }
}

extension SealedPersonalData {
    private static let names: Set<String> = ["subject", "keyId", "ciphertext"]

    /// Sealed fields as their synthesized `Decodable` conformance reads them.
    init(strictJSON json: StrictJSON) throws(StrictJSONFields.NotSure) {
        let fields = try StrictJSONFields(json, names: Self.names)
        self.init(
            subject: try fields.string("subject"), keyId: try fields.optionalString("keyId"),
            ciphertext: try fields.string("ciphertext"))
    }
}
