import ChannelDomain
import ChannelLedger
import LedgerPresentation
import LedgerWiring
import Testing

/// An order command by hand refused for its channel, as the CLI explains it: the channel by its
/// name, and the command that would let the order in.
@Suite("Order refusals naming their channel, as the CLI explains them")
struct OrderChannelAdviceTests {
    @Test(
        "a channel that is not live is named, with the command that makes it live; exit 3",
        arguments: [
            (ChannelStatus.suspended, #"resume it with `channel-ledger channels resume "EU Store"`, or choose"#),
            (.ready, #"launch it with `channel-ledger channels launch "EU Store"`, or choose"#),
            (.draft, #"launch it with `channel-ledger channels launch "EU Store"`, or choose"#),
            (.archived, "it is archived for good, so choose a live one with `channel-ledger channels list`"),
        ])
    func notLive(status: ChannelStatus, fix: String) {
        let error = LedgerError.orderChannelNotLive(orderId: "322-K7QD-104522", channel: "EU Store", status: status)
        let (failure, line) = FailureReport.describe(error, stores: Wiring.stores(logger: .init(label: "test")))
        #expect(failure == .refused)
        #expect(!line.contains("\n"))
        #expect(line.hasPrefix(#"order "322-K7QD-104522" cannot go to channel "EU Store": "#), "\(line)")
        #expect(line.contains(fix), "\(line)")
    }

    @Test("an associated order names its channel and how to move it; exit 3")
    func alreadyAssociated() {
        let error = LedgerError.orderAlreadyAssociated(orderId: "322-K7QD-104522", channel: "US Store")
        let (failure, line) = FailureReport.describe(error, stores: Wiring.stores(logger: .init(label: "test")))
        #expect(failure == .refused)
        #expect(
            line
                == #"order "322-K7QD-104522" is already associated with channel "US Store"; move it with `channel-ledger orders reassociate "322-K7QD-104522" --channel CHANNEL --reason "why"`"#
        )
    }
}
