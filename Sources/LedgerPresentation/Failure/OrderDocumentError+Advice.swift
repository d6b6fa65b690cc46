import ChannelLedger

extension OrderDocumentError: Advised {
    /// What is wrong with the order file and how to fix it.
    public var advice: String {
        switch self {
        case .fileMissing(let path): "no file at \(shown(path)); give the path of an order's JSON"
        case .fileUnreadable(let path): "cannot read \(shown(path)); check its permissions"
        case .notAnOrder(let path):
            "\(path ?? "the file") is neither an order's JSON (id, aliases, lineItems) nor a webhook envelope "
                + "with data.order; give one of those"
        case .noTargetID:
            "the order names no target ID (no businessProduct/<targetId> resource); give one with --target-id TID"
        }
    }
}
