import ChannelLedger

extension IntakeError: Advised {
    /// What is wrong with the delivery and what to do.
    public var advice: String {
        switch self {
        case .malformed(let why):
            "\(why); send a Buy with Prime webhook or EventBridge envelope"
        case .noOrder(let eventType):
            "the \(eventType) event names no order (no order/<id> resource, no data.order)"
        case .noTargetID(let orderId):
            "the event for order \(orderId) has no businessProduct/<target ID> resource, so no channel can be found for it"
        case .invalidOrderID(let id):
            "\(quoted(id)) is not an order id (1 to 200 characters, no spaces)"
        case .orderNotYetAvailable(let orderId):
            "Buy with Prime does not know order \(orderId) yet; nothing was recorded, deliver the event again later"
        }
    }
}

extension OrderImportIncomplete: Advised {
    /// How many lines were not taken, the first one's reason, and that running again is safe.
    public var advice: String {
        guard let first = refused.first else { return "every line was taken" }
        let more = refused.count > 1 ? " and \(refused.count - 1) more" : ""
        return "line \(first.line)\(more) not imported: \(FailureReport.message(of: first.error)); "
            + "fix the file or wait, then run `\(Fix.ordersImport)` again (what was imported stays, nothing is recorded twice)"
    }
}

extension OrderFileError: Advised {
    /// What is wrong with the file and what `orders import` reads.
    public var advice: String {
        let what = "a file of Buy with Prime event envelopes, one JSON per line (see `\(Fix.sandboxWebhooks)`)"
        return switch self {
        case .missing(let path): "no file at \(shown(path)); give \(what)"
        case .folder(let path): "\(shown(path)) is a folder; give \(what)"
        case .unreadable(let path): "cannot read \(shown(path)); check its permissions"
        case .ledgerExport(let path):
            "\(shown(path)) is a channel-ledger export, not Buy with Prime events; load it into a new store with `channel-ledger import \(shellQuoted(path)) --store NEW`"
        }
    }
}
