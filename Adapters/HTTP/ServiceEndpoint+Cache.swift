import NIOConcurrencyHelpers
import Transport

extension ServiceEndpoint {
    /// `text` checked as ``init(_:service:)`` checks it, from a small per-process memo of the
    /// base URLs already accepted: a channel's endpoint is parsed once, not on every call.
    ///
    /// A refused text is not remembered (it throws each time, naming why). The memo holds at most
    /// ``memoCapacity`` URLs and starts afresh when full.
    public static func checked(_ text: String, service: Service) throws(TransportError) -> ServiceEndpoint {
        if let known = memo.withLockedValue({ $0[text] }) { return known }
        let endpoint = try ServiceEndpoint(text, service: service)
        memo.withLockedValue { memo in
            if memo.count >= memoCapacity { memo.removeAll(keepingCapacity: true) }
            memo[text] = endpoint
        }
        return endpoint
    }

    /// How many accepted base URLs ``checked(_:service:)`` keeps.
    static let memoCapacity = 256

    private static let memo = NIOLockedValueBox<[String: ServiceEndpoint]>([:])
}
