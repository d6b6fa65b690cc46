import Foundation
import Testing

/// What must match between an interrupted run and an uninterrupted one (`upgrade`, the crash
/// harness): channels by name, each order's channel and reason, the event types per stream;
/// ids, times, hashes and ciphertexts differ by design.
struct LedgerSnapshot: Equatable, CustomStringConvertible {
    var channels: [[String]]
    var orders: [String: String]
    var typesByStream: [String: [String]]
    /// Whether every event after `LedgerUpgraded` has source `upgrade` and it as their cause.
    var causedByTheUpgrade: Bool

    /// The fields of `channels list --json` compared for each channel, then its mappings' counts.
    static let channelColumns = ["name", "status", "credentials", "targetId", "transport", "endpoint", "version"]

    init(_ cli: CLI) throws {
        let list = try cli("channels", "list", "--json").array()
        var names: [String: String] = [:]
        for channel in list {
            if let id = channel["id"] as? String, let name = channel["name"] as? String { names[id] = name }
        }
        channels = list.map { channel in
            let mappings = channel["mappings"] as? [String: Any]
            return Self.channelColumns.map { "\(channel[$0] ?? "-")" }
                + ["\(mappings?["active"] ?? "-")/\(mappings?["total"] ?? "-")"]
        }
        let page = try cli("orders", "list", "--json", "--limit", "10000").array()
        orders = Dictionary(
            uniqueKeysWithValues: page.map { order in
                let reason = (order["reason"] as? [String: Any])?["kind"] as? String ?? "-"
                return (order["orderId"] as? String ?? "?", "\(order["channel"] ?? "-") \(reason)")
            })
        var types: [String: [String]] = [:]
        let log = try cli.log()
        let start = log.firstIndex { $0["type"] as? String == "LedgerUpgraded" } ?? log.endIndex
        let cause = start < log.endIndex ? log[start]["eventId"] as? String : nil
        causedByTheUpgrade = log[start...].dropFirst().allSatisfy {
            $0["source"] as? String == "upgrade" && $0["causationId"] as? String == cause
        }
        for event in log {
            var stream = event["stream"] as? String ?? "?"
            if stream.hasPrefix("channel:") { stream = "channel:" + (names[String(stream.dropFirst(8))] ?? "?") }
            types[stream, default: []].append(event["type"] as? String ?? "?")
        }
        typesByStream = types
    }

    /// The same snapshot without the channels' endpoints: ledgers set up alike against servers
    /// listening on different ports.
    func endpointsLeftOut() -> LedgerSnapshot {
        var copy = self
        let endpoint = Self.channelColumns.firstIndex(of: "endpoint")!
        copy.channels = channels.map { row in row.enumerated().map { $0.offset == endpoint ? "-" : $0.element } }
        return copy
    }

    /// What differs, for the failure message.
    func differences(from other: LedgerSnapshot) -> String {
        var found: [String] = []
        if causedByTheUpgrade != other.causedByTheUpgrade {
            found.append("every event after LedgerUpgraded caused by it: \(causedByTheUpgrade)")
        }
        if channels != other.channels { found.append("channels \(channels) vs \(other.channels)") }
        let orderKeys = Set(orders.keys).union(other.orders.keys).filter { orders[$0] != other.orders[$0] }
        if !orderKeys.isEmpty {
            found.append(
                "\(orderKeys.count) orders, e.g. \(orderKeys.sorted().prefix(3).map { "\($0): \(orders[$0] ?? "none") vs \(other.orders[$0] ?? "none")" })"
            )
        }
        let streams = Set(typesByStream.keys).union(other.typesByStream.keys)
            .filter { typesByStream[$0] != other.typesByStream[$0] }
        if !streams.isEmpty {
            found.append(
                "\(streams.count) streams, e.g. \(streams.sorted().prefix(3).map { "\($0): \(typesByStream[$0] ?? []) vs \(other.typesByStream[$0] ?? [])" })"
            )
        }
        return found.joined(separator: "; ")
    }

    var description: String {
        "channels \(channels), \(orders.count) orders (\(Set(orders.values))), \(typesByStream.count) streams"
    }
}
