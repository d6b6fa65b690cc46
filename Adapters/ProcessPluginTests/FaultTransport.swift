import Testing
import Transport

/// The transports of the fault table.
enum FaultTransport: String, Sendable {
    /// The built-in HTTP transport, in process, with the table's retry policy.
    case live
    /// The example plugin: the same HTTP calls from Python, each made once.
    case pysandbox
    /// The misbehaving plugin, for the faults of the process itself.
    case misbehaving
}
