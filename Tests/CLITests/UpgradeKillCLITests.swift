import ChannelLedgerTesting
import Foundation
import Testing

/// `upgrade` killed with SIGKILL at seeded random moments, then run again, ends as an uninterrupted
/// upgrade of the same ledger does: the same channels, the same orders on the same channel for the
/// same reason, the same event types per stream. After every kill `verify` passes and the log holds
/// the upgrade's first append whole or not at all.
@Suite struct UpgradeKillCLITests {
    static let orders = 1_000
    static let kills = 5

    @Test func anUpgradeKilledAtRandomMomentsEndsAsAnUninterruptedOne() throws {
        let base = try CLI.onNewFormatZero(orders: Self.orders)
        let reference = try base.copy()
        let started = Date()
        let uninterrupted = try reference("upgrade", "--json")
        let duration = Date().timeIntervalSince(started)
        #expect(uninterrupted.status == 0, "\(uninterrupted)")
        #expect(try uninterrupted.object()["ordersAssociated"] as? Int == Self.orders)
        let expected = try Snapshot(reference)

        var generator = SplitMix(state: 0x5eed_0017)
        var interrupted = 0
        var midway = 0
        for kill in 0..<Self.kills {
            let cli = try base.copy()
            // Moments spread over the whole run, from before the first append to the last batches.
            let moment = Double(generator.next() % 1_000) / 1_000 * duration
            let (process, out, err) = try cli.start(["upgrade"], direct: true)
            Thread.sleep(forTimeInterval: moment)
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let run = cli.finish(process, out, err)
            if run.status != 0 { interrupted += 1 }

            #expect(try cli("verify").status == 0, "kill \(kill) at \(moment) s")
            let log = try cli.log()
            let channelEvents = log.filter { ($0["stream"] as? String)?.hasPrefix("channel:") == true }
            let associated = log.filter { $0["type"] as? String == "OrderAssociated" }.count
            if log.contains(where: { $0["type"] as? String == "LedgerUpgraded" }) {
                #expect(channelEvents.count == 13, "the upgrade's first append is whole: \(channelEvents.count) events")
                if associated < Self.orders { midway += 1 }
            } else {
                #expect(channelEvents.isEmpty && associated == 0, "nothing before LedgerUpgraded")
            }
            let finish = try cli("upgrade", "--json")
            #expect(finish.status == 0, "\(finish)")
            let got = try Snapshot(cli)
            #expect(
                got == expected,
                "kill \(kill) at \(String(format: "%.3f", moment)) s of \(String(format: "%.3f", duration)) s: \(got.differences(from: expected))"
            )
        }
        #expect(interrupted >= 2, "most kills land while the upgrade runs (\(interrupted) of \(Self.kills))")
        #expect(midway >= 1, "some kills land between the first append and the last order (\(midway))")
    }

    /// What must match between an interrupted and an uninterrupted upgrade; ids, times and hashes differ by design.
    struct Snapshot: Equatable, CustomStringConvertible {
        var channels: [[String]]
        var orders: [String: String]
        var typesByStream: [String: [String]]
        /// Whether every event after `LedgerUpgraded` has source `upgrade` and it as their cause.
        var causedByTheUpgrade: Bool

        init(_ cli: CLI) throws {
            let list = try cli("channels", "list", "--json").array()
            var names: [String: String] = [:]
            for channel in list {
                if let id = channel["id"] as? String, let name = channel["name"] as? String { names[id] = name }
            }
            channels = list.map { channel in
                let mappings = channel["mappings"] as? [String: Any]
                return ["name", "status", "credentials", "targetId", "transport", "endpoint", "version"]
                    .map { "\(channel[$0] ?? "-")" } + ["\(mappings?["active"] ?? "-")/\(mappings?["total"] ?? "-")"]
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

        /// What differs, for the failure message.
        func differences(from other: Snapshot) -> String {
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
}
