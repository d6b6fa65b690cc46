import Foundation
import Transport

/// The `params` of each operation, as Docs/transport-protocol.md writes them; secrets revealed
/// only here, into the request that needs them.
enum PluginRequests {
    /// A Buy with Prime account and where to call: the params of both Buy with Prime operations.
    struct Account: Encodable {
        struct Credentials: Encodable {
            var clientId: String
            var clientSecret: String
            var targetId: String
        }
        var endpoint: String?
        var apiVersion: String
        var timeoutSeconds: Double
        var account: Credentials
        var lookup: Lookup?

        init(_ account: BuyWithPrimeCredentials, lookup: OrderLookup? = nil) {
            endpoint = account.endpoint
            apiVersion = account.apiVersion
            timeoutSeconds = account.requestTimeout.seconds
            self.account = Credentials(
                clientId: account.clientID, clientSecret: account.clientSecret.reveal(), targetId: account.targetID)
            self.lookup = lookup.map(Lookup.init)
        }

        private enum CodingKeys: String, CodingKey { case endpoint, apiVersion, timeoutSeconds, account, lookup }

        /// Writes `endpoint` as `null` when the channel records none, as the protocol shows it.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(endpoint, forKey: .endpoint)
            try container.encode(apiVersion, forKey: .apiVersion)
            try container.encode(timeoutSeconds, forKey: .timeoutSeconds)
            try container.encode(account, forKey: .account)
            try container.encodeIfPresent(lookup, forKey: .lookup)
        }
    }

    /// `{"id": …}` or `{"alias": {"aliasType", "aliasId"}}`.
    struct Lookup: Encodable {
        var id: String?
        var alias: OrderAlias?

        init(_ lookup: OrderLookup) {
            switch lookup {
            case .id(let id): self.id = id
            case .alias(let alias): self.alias = alias
            }
        }
    }

    /// The connected app and its org: part of every Salesforce operation's params.
    struct Org: Encodable {
        var myDomain: String
        var consumerKey: String
        var consumerSecret: String
        var apiVersion: String

        init(_ org: SalesforceOrg) {
            myDomain = org.myDomain
            consumerKey = org.consumerKey
            consumerSecret = org.consumerSecret.reveal()
            apiVersion = org.apiVersion
        }
    }

    /// A Salesforce operation's params: the org, the budget, and the operation's own fields.
    struct Salesforce<Extra: Encodable>: Encodable {
        var org: Org
        var timeoutSeconds: Double
        var extra: Extra

        init(_ org: SalesforceOrg, _ extra: Extra) {
            self.org = Org(org)
            timeoutSeconds = org.requestTimeout.seconds
            self.extra = extra
        }

        private enum CodingKeys: String, CodingKey { case org, timeoutSeconds }

        func encode(to encoder: any Encoder) throws {
            try extra.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(org, forKey: .org)
            try container.encode(timeoutSeconds, forKey: .timeoutSeconds)
        }
    }

    /// No fields of its own.
    struct Nothing: Encodable {}

    struct ExternalChannelNumber: Encodable { var externalChannelNumber: String }

    /// `SalesChannelFields` as the protocol spells them.
    struct ChannelFields: Codable {
        var salesChannelName: String
        var type: String
        var externalChannelNumber: String

        init(_ fields: SalesChannelFields) {
            salesChannelName = fields.salesChannelName
            type = fields.type
            externalChannelNumber = fields.externalChannelNumber
        }

        var fields: SalesChannelFields {
            SalesChannelFields(
                salesChannelName: salesChannelName, type: type, externalChannelNumber: externalChannelNumber)
        }
    }

    struct Create: Encodable { var fields: ChannelFields }
    struct Update: Encodable {
        var id: String
        var fields: ChannelFields
    }

    struct SetOrdersChannel: Encodable {
        struct Fields: Encodable {
            var externalIdField: String
            var channelField: String
        }
        struct Update: Encodable {
            var orderId: String
            var salesChannelId: String
        }
        var fields: Fields
        var updates: [Update]
    }
}
