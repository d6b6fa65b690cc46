import Transport

/// The `result` of each operation.
enum PluginResults {
    /// A result with no fields (`{}`).
    struct Empty: Decodable {}

    struct AccountAuthorized: Decodable {
        var targetId: String
        var expiresIn: Int
    }
    struct Order: Decodable { var order: BuyWithPrimeOrderWire }
    struct OrgAuthorized: Decodable {
        var instanceUrl: String
        var issuedAt: String
    }
    struct Record: Decodable {
        struct Channel: Decodable {
            var id: String
            var salesChannelName: String
            var type: String
            var externalChannelNumber: String
        }
        var record: Channel?
    }
    struct Created: Decodable { var id: String }
    struct OrderResults: Decodable {
        struct Entry: Decodable {
            var orderId: String
            var status: String
            var salesforceId: String?
            var code: String?
            var message: String?
        }
        var results: [Entry]
    }
}
