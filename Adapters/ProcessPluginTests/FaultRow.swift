import Testing
import Transport

/// One row of the fault table: a transport, an operation, a fault, and what must come of it.
struct FaultRow: Sendable, CustomTestStringConvertible {
    /// The transport called.
    var transport: FaultTransport
    /// The operation called.
    var operation: TransportOperation
    /// The fault met by the operation's request (``FaultRun/route(of:channelID:)``).
    var fault: InjectedFault
    /// What must come of it.
    var expected: FaultExpectation

    /// `live buy-with-prime.order 500`, as the test's results name the row.
    var testDescription: String { "\(transport.rawValue) \(operation.rawValue) \(fault.rawValue)" }
}
