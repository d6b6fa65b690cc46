import ChannelDomain
import ChannelLedger

extension Views {
    /// `upgrade --json`: `{store, from, to, changed, upgraded, channel, ordersAssociated, ordersLeft}`,
    /// where `upgraded` says whether this run recorded `LedgerUpgraded` and `channel` is `Default`
    /// as `channels show --json` prints it (null when the ledger never was single-account).
    public static func upgradeOutcome(_ outcome: UpgradeOutcome, store: String) -> JSONValue {
        .object([
            ("store", .string(store)), ("from", .int(Int64(outcome.from))), ("to", .int(Int64(outcome.to))),
            ("changed", .bool(outcome.changed)), ("upgraded", .bool(outcome.upgradedNow)),
            ("channel", outcome.defaultChannel.map(channel) ?? .null),
            ("ordersAssociated", .int(Int64(outcome.ordersAssociated))),
            ("ordersLeft", .int(Int64(outcome.ordersLeft))),
        ])
    }
}

extension TextViews {
    /// `status`'s ledger format: `1`, `1 (upgraded from 0)`, or `0 (single-account: run channel-ledger upgrade)`.
    public static func ledgerFormat(_ status: StoreStatus) -> String {
        guard let format = status.ledgerFormat else { return "-" }
        if let from = status.upgradedFrom { return "\(format) (upgraded from \(from))" }
        return format == Ledger.singleAccountFormat
            ? "\(format) (single-account: run \(Fix.upgradeAgain))" : String(format)
    }

    /// `upgrade`: what it recorded, where Default stands, and what the user does next.
    public static func upgradeOutcome(_ outcome: UpgradeOutcome, store: String) -> String {
        guard outcome.changed || outcome.ordersLeft > 0 else {
            return "\(store) is already format \(outcome.to); nothing to do"
        }
        var lines: [String] = []
        let name = outcome.defaultChannel.map { "\"\($0.state.name)\"" } ?? "Default"
        if outcome.upgradedNow, let channel = outcome.defaultChannel {
            lines.append("upgraded \(store) from format \(outcome.from) to \(outcome.to)")
            lines.append(channelLine(channel, changed: true, verb: "created"))
        } else if outcome.changed {
            lines.append("finished the upgrade of \(store) to format \(outcome.to)")
        } else {
            lines.append("\(store) is format \(outcome.to), but earlier orders wait for \(name)")
        }
        if outcome.changed {
            lines.append("\(outcome.ordersAssociated) earlier orders associated with \(name) (reason upgrade)")
        }
        if outcome.ordersLeft > 0 {
            lines.append(
                "\(outcome.ordersLeft) earlier orders left unassociated: \(name) is not live; once it is, "
                    + "associate them with `\(Fix.upgradeAgain)`")
        }
        lines.append(
            "new orders reach a channel only through the association flow (`\(Fix.rulesList)`): its by-target-id rule "
                + "sends the old account's orders to \(name) while it is live; add rules with `\(Fix.rulesAdd)`")
        return lines.joined(separator: "\n")
    }
}
