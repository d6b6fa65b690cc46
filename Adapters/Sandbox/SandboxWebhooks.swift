import Foundation
import Transport

/// Buy with Prime webhook envelopes for the sandbox's seeded orders, as `sandbox webhooks` prints
/// them and `make demo` imports them: the same lines every run.
///
/// Every seeded order of every demo account gets an `ORDER_CONFIRMED` carrying its snapshot in
/// `data.order`; every fourth order later gets a thin `PACKAGE_DELIVERED`; the first confirmation
/// is delivered a second time, unchanged, at the end (a redelivery). The third demo account is one
/// no demo channel uses, so its orders arrive for a target ID no channel owns.
public enum SandboxWebhooks {
    /// The subscription the envelopes name.
    public static let subscriptionId = SandboxTransport.accounts.webhook?.subscription ?? "demo-webhooks"

    /// The envelopes, oldest first, each one line of JSON.
    public static func lines(
        accounts: SandboxAccounts = SandboxTransport.accounts,
        orders: [String: [BuyWithPrimeOrder]] = SandboxTransport.orders
    ) throws -> [Data] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var envelopes: [Envelope] = []
        let start = Date(timeIntervalSince1970: 1_796_112_000)  // 2026-12-01T08:00:00Z
        for account in accounts.buyWithPrime {
            for (number, order) in (orders[account.targetId] ?? []).enumerated() {
                let resource = "businessProduct/\(account.targetId)/order/\(order.id)"
                let minute = Double(envelopes.count)
                envelopes.append(
                    Envelope(
                        idempotencyKey: "demo-\(order.id)-confirmed", eventDescriptor: BuyWithPrimeEvent.orderConfirmed,
                        resources: [resource], eventId: "evt-\(order.id)-1", apiVersion: "2024-11-01",
                        subscriptionId: subscriptionId, eventTime: timestamp(start + minute * 60),
                        data: Payload(order: BuyWithPrimeOrderWire(order))))
                if number % 4 == 3 {
                    envelopes.append(
                        Envelope(
                            idempotencyKey: "demo-\(order.id)-delivered", eventDescriptor: "PACKAGE_DELIVERED",
                            resources: [resource], eventId: "evt-\(order.id)-2", apiVersion: "2024-11-01",
                            subscriptionId: subscriptionId, eventTime: timestamp(start + minute * 60 + 30),
                            data: Payload()))
                }
            }
        }
        if let first = envelopes.first { envelopes.append(first) }
        return try envelopes.map { try encoder.encode($0) }
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    private struct Envelope: Encodable {
        var idempotencyKey: String
        var eventDescriptor: String
        var resources: [String]
        var eventId: String
        var apiVersion: String
        var subscriptionId: String
        var eventTime: String
        var data: Payload
    }

    private struct Payload: Encodable {
        var order: BuyWithPrimeOrderWire?
    }
}
