import ServiceLifecycle

/// A sandbox server started by ``SandboxServer/start(_:)``: where it listens, its state, and the
/// way to stop it.
public final class RunningSandboxServer: Sendable {
    /// `http://127.0.0.1:PORT`: the Buy with Prime endpoint and the Salesforce My Domain alike.
    public let baseURL: String
    /// The server, for its configuration.
    public let server: SandboxServer
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    init(server: SandboxServer, baseURL: String, group: ServiceGroup, task: Task<Void, any Error>) {
        self.server = server
        self.baseURL = baseURL
        self.group = group
        self.task = task
    }

    /// The port it listens on.
    public var port: Int {
        baseURL.split(separator: ":").last.flatMap { Int($0) } ?? 0
    }

    /// Stops listening, lets open calls finish, and returns once the server has stopped.
    public func stop() async throws {
        await group.triggerGracefulShutdown()
        try await task.value
    }

    /// What each API received so far, oldest first (as `GET /_sandbox/requests`).
    public func requests() async -> [RequestLog.Entry] {
        await server.state.log.entries
    }

    /// Plans `fault` for the next `count` calls of `route` (`*`, or `METHOD /path`), as
    /// `POST /_sandbox/faults` does; throws for a route that cannot be read.
    public func plan(_ fault: Fault, route: String = "*", count: Int = 1) async throws {
        guard let parsed = FaultPlan.Route(route) else { throw FaultPlanError.unreadableRoute(route) }
        await server.state.plan(fault, route: parsed, count: count)
    }

    /// Makes an `Order` exist in the org for a Buy with Prime order id, as `POST /_sandbox/orders`
    /// does; returns its Salesforce id.
    @discardableResult
    public func createOrder(orderId: String) async -> String {
        await server.state.changeOrg { $0.addOrder(orderId: orderId).id }
    }
}

/// A fault that cannot be planned.
public enum FaultPlanError: Error, Equatable {
    /// The route is neither `*` nor `METHOD /path`.
    case unreadableRoute(String)
}
