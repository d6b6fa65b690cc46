import ChannelLedger
import Transport

extension Views {
    /// `transports list --json`: one object per transport, `{name, kind, path, status, problem,
    /// summary, operations, defaultBuyWithPrimeEndpoint}`; `status` is `ready`, `failed` or `shadowed`.
    public static func transports(_ listing: [TransportListing]) -> JSONValue {
        .array(
            listing.map { entry in
                let descriptor: TransportDescriptor? =
                    if case .ready(let descriptor) = entry.status { descriptor } else { nil }
                return .object([
                    ("name", .string(entry.name)), ("kind", .string(entry.kind.rawValue)),
                    ("path", .string(entry.location)), ("status", .string(status(entry.status))),
                    ("problem", .string(TextViews.transportProblem(entry))),
                    ("summary", .string(descriptor?.summary)),
                    ("operations", .array((descriptor?.capabilities.sorted() ?? []).map { .string($0.rawValue) })),
                    ("defaultBuyWithPrimeEndpoint", .string(descriptor?.defaultBuyWithPrimeEndpoint)),
                ])
            })
    }

    private static func status(_ status: TransportListing.Status) -> String {
        switch status {
        case .ready: "ready"
        case .failed: "failed"
        case .shadowed: "shadowed"
        }
    }
}
