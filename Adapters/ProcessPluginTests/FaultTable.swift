import Transport

/// Issue 18's fault table: for each operation and each fault, what `live` and the example plugin
/// `pysandbox` must make of it, plus the misbehaving plugin exiting or hanging during an authorization.
///
/// Each expectation names the `TransportError` case (as Docs/transports.md maps it) and how many
/// calls of the faulted route the transport makes. `live` runs with ``FaultTable/attempts`` attempts:
/// it retries a 429, a 5xx and no answer (drop, timeout, refused), never another 4xx or an answer it
/// could not read; a create is not idempotent, so only a 429 (the service did nothing) is retried.
/// `pysandbox` makes each HTTP call once (the ledger does not retry a plugin). A Salesforce 401
/// `INVALID_SESSION_ID` is answered by one new token and the call once more, by both; `pysandbox`
/// does the same on Buy with Prime's 401, where `live` renews tokens by their expiry only.
///
/// An expectation marked ``FaultExpectation/knownIssue(_:)`` is what the product should do and does not
/// yet: the test records it as a known issue, and fails once the product is fixed, so that the
/// mark is removed.
enum FaultTable {
    /// How many attempts `live`'s retry policy allows in this table (the standard policy allows 4).
    static let attempts = 3

    /// One (operation, fault) pair and what each HTTP transport must make of it.
    struct Entry: Sendable {
        /// The operation called.
        var operation: TransportOperation
        /// The fault its request meets.
        var fault: InjectedFault
        /// What `live` must make of it.
        var live: FaultExpectation
        /// What the example plugin must make of it.
        var pysandbox: FaultExpectation

        /// An entry of the table.
        init(
            _ operation: TransportOperation, _ fault: InjectedFault, live: FaultExpectation, pysandbox: FaultExpectation
        ) {
            self.operation = operation
            self.fault = fault
            self.live = live
            self.pysandbox = pysandbox
        }
    }

    /// Every operation against the sandbox server's faults (but `late` and `stall`) and a server
    /// that is not listening.
    static let entries: [Entry] = [
        // POST /token: the token of a Buy with Prime account (authorize always asks for a fresh one).
        Entry(
            .authorizeAccount, .unauthorized, live: .rejected("invalid_client", 1),
            pysandbox: .rejected("invalid_client", 1)),
        Entry(.authorizeAccount, .throttled, live: .throttled(3), pysandbox: .throttled(1)),
        Entry(.authorizeAccount, .serverError, live: .unavailable(3), pysandbox: .unavailable(1)),
        Entry(.authorizeAccount, .timeout, live: .unavailable(3), pysandbox: .unavailable(1)),
        Entry(.authorizeAccount, .malformed, live: .malformedAnswer(1), pysandbox: .malformedAnswer(1)),
        Entry(.authorizeAccount, .cut, live: .malformedAnswer(1), pysandbox: .malformedAnswer(1)),
        Entry(.authorizeAccount, .drop, live: .unavailable(3), pysandbox: .unavailable(1)),
        Entry(.authorizeAccount, .oversized, live: .malformedAnswer(1), pysandbox: .malformedAnswer(1)),
        Entry(.authorizeAccount, .refused, live: .unavailable(3), pysandbox: .unavailable(1)),
        // POST /graphql with a cached token.
        Entry(.fetchOrder, .unauthorized, live: .rejected("HTTP 401", 1), pysandbox: .rejected("HTTP 401", 2)),
        Entry(.fetchOrder, .throttled, live: .throttled(3), pysandbox: .throttled(1)),
        Entry(.fetchOrder, .serverError, live: .unavailable(3), pysandbox: .unavailable(1)),
        Entry(.fetchOrder, .timeout, live: .unavailable(3), pysandbox: .unavailable(1)),
        Entry(.fetchOrder, .malformed, live: .malformedAnswer(1), pysandbox: .malformedAnswer(1)),
        Entry(.fetchOrder, .cut, live: .malformedAnswer(1), pysandbox: .malformedAnswer(1)),
        Entry(.fetchOrder, .drop, live: .unavailable(3), pysandbox: .unavailable(1)),
        Entry(.fetchOrder, .oversized, live: .malformedAnswer(1), pysandbox: .malformedAnswer(1)),
        Entry(.fetchOrder, .refused, live: .unavailable(3), pysandbox: .unavailable(1)),
        // POST /services/oauth2/token: the connected app's token.
        Entry(
            .authorizeConnectedApp, .unauthorized, live: .rejected("invalid_client", 1),
            pysandbox: .rejected("invalid_client", 1)),
        Entry(.authorizeConnectedApp, .throttled, live: .throttled(3), pysandbox: .throttled(1)),
        Entry(.authorizeConnectedApp, .serverError, live: .unavailable(3), pysandbox: .unavailable(1)),
        Entry(.authorizeConnectedApp, .timeout, live: .unavailable(3), pysandbox: .unavailable(1)),
        Entry(.authorizeConnectedApp, .malformed, live: .malformedAnswer(1), pysandbox: .malformedAnswer(1)),
        Entry(.authorizeConnectedApp, .cut, live: .malformedAnswer(1), pysandbox: .malformedAnswer(1)),
        Entry(.authorizeConnectedApp, .drop, live: .unavailable(3), pysandbox: .unavailable(1)),
        Entry(.authorizeConnectedApp, .oversized, live: .malformedAnswer(1), pysandbox: .malformedAnswer(1)),
        Entry(.authorizeConnectedApp, .refused, live: .unavailable(3), pysandbox: .unavailable(1)),
        // GET …/query: a read.
        Entry(
            .findSalesChannel, .unauthorized, live: .rejected("INVALID_SESSION_ID", 2),
            pysandbox: .rejected("INVALID_SESSION_ID", 2)),
        Entry(.findSalesChannel, .throttled, live: .throttled(3), pysandbox: .throttled(1)),
        Entry(.findSalesChannel, .serverError, live: .unavailable(3), pysandbox: .unavailable(1)),
        Entry(.findSalesChannel, .timeout, live: .unavailable(3), pysandbox: .unavailable(1)),
        Entry(.findSalesChannel, .malformed, live: .malformedAnswer(1), pysandbox: .malformedAnswer(1)),
        Entry(.findSalesChannel, .cut, live: .malformedAnswer(1), pysandbox: .malformedAnswer(1)),
        Entry(.findSalesChannel, .drop, live: .unavailable(3), pysandbox: .unavailable(1)),
        Entry(.findSalesChannel, .oversized, live: .malformedAnswer(1), pysandbox: .malformedAnswer(1)),
        Entry(.findSalesChannel, .refused, live: .unavailable(3), pysandbox: .unavailable(1)),
        // POST …/sobjects/SalesChannel/: not idempotent, retried only after a 429. A 401 applied nothing.
        Entry(
            .createSalesChannel, .unauthorized, live: .rejected("INVALID_SESSION_ID", 2),
            pysandbox: .rejected("INVALID_SESSION_ID", 2)),
        Entry(.createSalesChannel, .throttled, live: .throttled(3), pysandbox: .throttled(1)),
        Entry(.createSalesChannel, .serverError, live: .unavailable(1), pysandbox: .unavailable(1)),
        Entry(.createSalesChannel, .timeout, live: .unavailable(1), pysandbox: .unavailable(1)),
        Entry(.createSalesChannel, .malformed, live: .malformedAnswer(1), pysandbox: .malformedAnswer(1)),
        Entry(.createSalesChannel, .cut, live: .malformedAnswer(1), pysandbox: .malformedAnswer(1)),
        Entry(.createSalesChannel, .drop, live: .unavailable(1), pysandbox: .unavailable(1)),
        Entry(.createSalesChannel, .oversized, live: .malformedAnswer(1), pysandbox: .malformedAnswer(1)),
        Entry(.createSalesChannel, .refused, live: .unavailable(1), pysandbox: .unavailable(1)),
        // PATCH …/sobjects/SalesChannel/{id}: idempotent.
        Entry(
            .updateSalesChannel, .unauthorized, live: .rejected("INVALID_SESSION_ID", 2),
            pysandbox: .rejected("INVALID_SESSION_ID", 2)),
        Entry(.updateSalesChannel, .throttled, live: .throttled(3), pysandbox: .throttled(1)),
        Entry(.updateSalesChannel, .serverError, live: .unavailable(3), pysandbox: .unavailable(1)),
        Entry(.updateSalesChannel, .timeout, live: .unavailable(3), pysandbox: .unavailable(1)),
        Entry(
            .updateSalesChannel, .malformed,
            live: .malformedAnswer(1), pysandbox: .malformedAnswer(1)),
        Entry(.updateSalesChannel, .cut, live: .malformedAnswer(1), pysandbox: .malformedAnswer(1)),
        Entry(.updateSalesChannel, .drop, live: .unavailable(3), pysandbox: .unavailable(1)),
        Entry(.updateSalesChannel, .oversized, live: .malformedAnswer(1), pysandbox: .malformedAnswer(1)),
        Entry(.updateSalesChannel, .refused, live: .unavailable(3), pysandbox: .unavailable(1)),
        // POST …/composite of PATCHes by id (after its unfaulted query): idempotent.
        Entry(
            .setOrdersChannel, .unauthorized, live: .rejected("INVALID_SESSION_ID", 2),
            pysandbox: .rejected("INVALID_SESSION_ID", 2)),
        Entry(.setOrdersChannel, .throttled, live: .throttled(3), pysandbox: .throttled(1)),
        Entry(.setOrdersChannel, .serverError, live: .unavailable(3), pysandbox: .unavailable(1)),
        Entry(.setOrdersChannel, .timeout, live: .unavailable(3), pysandbox: .unavailable(1)),
        Entry(.setOrdersChannel, .malformed, live: .malformedAnswer(1), pysandbox: .malformedAnswer(1)),
        Entry(.setOrdersChannel, .cut, live: .malformedAnswer(1), pysandbox: .malformedAnswer(1)),
        Entry(.setOrdersChannel, .drop, live: .unavailable(3), pysandbox: .unavailable(1)),
        Entry(.setOrdersChannel, .oversized, live: .malformedAnswer(1), pysandbox: .malformedAnswer(1)),
        Entry(.setOrdersChannel, .refused, live: .unavailable(3), pysandbox: .unavailable(1)),
    ]

    /// The misbehaving plugin exiting or hanging during the only operations it claims: no HTTP call.
    static let pluginRows: [FaultRow] = [TransportOperation.authorizeAccount, .authorizeConnectedApp].flatMap {
        operation in
        [InjectedFault.pluginExits, .pluginHangs].map {
            FaultRow(transport: .misbehaving, operation: operation, fault: $0, expected: .unavailable(0))
        }
    }

    /// Every row of the table: each entry for each HTTP transport, then the misbehaving plugin's.
    static let rows: [FaultRow] =
        entries.flatMap { entry in
            [
                FaultRow(transport: .live, operation: entry.operation, fault: entry.fault, expected: entry.live),
                FaultRow(
                    transport: .pysandbox, operation: entry.operation, fault: entry.fault, expected: entry.pysandbox),
            ]
        } + pluginRows
}
