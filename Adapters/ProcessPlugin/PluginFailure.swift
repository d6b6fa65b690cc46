/// A plugin that could not serve a call: it could not be started, exited, hung, wrote something
/// that is not a valid message, or speaks another protocol. Its ports report it as
/// `TransportError.unavailable`; resolving the transport reports it as it is.
public struct PluginFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The transport's name.
    public var plugin: String
    /// What went wrong, e.g. `exited (status 3)`.
    public var problem: String

    /// `plugin NAME PROBLEM`.
    public var description: String { "plugin \(plugin) \(problem)" }
}
