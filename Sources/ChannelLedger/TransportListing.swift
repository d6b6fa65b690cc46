import Transport

/// One transport as `transports list` shows it: built in or an external process, and whether it
/// can be used.
public struct TransportListing: Sendable {
    /// Where the transport comes from.
    public enum Kind: String, Sendable {
        /// Compiled into this build.
        case builtIn = "built-in"
        /// An executable found in the plugins folder or on `PATH`.
        case process
    }

    /// Whether it can be used.
    public enum Status: Sendable {
        /// Described (for a process, by its handshake).
        case ready(TransportDescriptor)
        /// A process that could not be started or failed its handshake, and why.
        case failed(String)
        /// A process bearing a built-in transport's name: the built-in one is used.
        case shadowed
    }

    /// The name a channel records.
    public var name: String
    /// Built in, or a process.
    public var kind: Kind
    /// The executable of a process transport.
    public var location: String?
    /// Whether it can be used.
    public var status: Status
}
