import Foundation
import Transport

/// The demo org's writes, without an org to keep: the in-process sandbox lives only as long as one
/// command, so its org keeps nothing between runs. A `SalesChannel`'s id is derived from its
/// `ExternalChannelNumber`, so creating it again gives the same id; every seeded order exists in
/// the org but each account's last ``notCreatedPerAccount``, as on the sandbox server. Every call
/// checks the connected app's credentials as `authorize` does.
extension SandboxTransport {
    /// How many of each account's last seeded orders the org does not have yet (the server's default).
    public static let notCreatedPerAccount = 2

    /// Nothing is kept between runs, so no `SalesChannel` is ever found: the publisher creates it.
    public func findSalesChannel(externalChannelNumber: String, in org: SalesforceOrg) async throws
        -> SalesChannelRecord?
    {
        _ = try await authorize(org)
        return nil
    }

    /// The `SalesChannel`'s id, derived from its `ExternalChannelNumber`.
    public func createSalesChannel(_ fields: SalesChannelFields, in org: SalesforceOrg) async throws -> String {
        _ = try await authorize(org)
        return Self.salesforceID(prefix: "0bISB", of: fields.externalChannelNumber)
    }

    /// Accepted for an id the sandbox made; any other is not found, as Salesforce answers.
    public func updateSalesChannel(id: String, _ fields: SalesChannelFields, in org: SalesforceOrg) async throws {
        _ = try await authorize(org)
        guard id.hasPrefix("0bISB") else {
            throw TransportError.notFound(service: .salesforce, what: "SalesChannel \(id)")
        }
    }

    /// Each seeded order the org has is updated (its id derived from the order's); the others are not found.
    public func setOrdersChannel(_ updates: [OrderChannelUpdate], fields: OrderChannelFields, in org: SalesforceOrg)
        async throws -> [OrderChannelResult]
    {
        _ = try await authorize(org)
        return updates.map { update in
            Self.orgOrders.contains(update.orderID)
                ? .updated(
                    orderID: update.orderID, salesforceID: Self.salesforceID(prefix: "801SB", of: update.orderID))
                : .notFound(orderID: update.orderID)
        }
    }

    /// The ids of the seeded orders the org has.
    static let orgOrders: Set<String> = Set(
        orders.values.flatMap { $0.dropLast(notCreatedPerAccount).map(\.id) })

    /// A Salesforce-looking id (a prefix and 13 characters) that the same text always gives.
    static func salesforceID(prefix: String, of text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var characters: [Character] = []
        for _ in 0..<13 {
            characters.append(alphabet[Int(hash % 36)])
            hash /= 36
        }
        return prefix + String(characters)
    }
}
