import Foundation
import Logging

/// One plugin executable: started on the first call, kept for the ledger's lifetime, stopped and
/// started again on the next call after it exits, hangs past a call's budget or writes something
/// that is not a valid message (Docs/transport-protocol.md).
actor PluginConnection {
    /// The transport's name (the `NAME` of `channel-ledger-transport-NAME`).
    let name: String
    /// The executable.
    let path: String
    private let environment: [String: String]
    private let logger: Logger
    private let patience: PluginProtocol.Patience

    /// The running child and what its handshake said; nil before the first call and after a failure.
    private var running: (child: PluginChild, handshake: PluginHandshake, generation: Int)?
    /// A start in progress, so callers arriving meanwhile share it.
    private var starting: Task<PluginHandshake, any Error>?
    /// Bumped on every start, so the lines and timeouts of a stopped child are ignored.
    private var generation = 0
    private var nextID = 1
    private var pending: [Int: Pending] = [:]

    /// A request waiting for its answer, and the task that gives up on it when its time is up.
    private struct Pending {
        var continuation: CheckedContinuation<Result<Data, PluginErrorAnswer>, any Error>
        var generation: Int
        var timeout: Task<Void, Never>?
    }

    init(name: String, path: String, environment: [String: String], logger: Logger, patience: PluginProtocol.Patience) {
        self.name = name
        self.path = path
        self.environment = environment
        self.logger = logger
        self.patience = patience
    }

    /// The plugin's handshake, starting it if it does not run; throws ``PluginFailure``.
    func handshake() async throws -> PluginHandshake {
        if let running { return running.handshake }
        if let starting { return try await starting.value }
        let start = Task { try await self.start() }
        starting = start
        defer { starting = nil }
        return try await start.value
    }

    /// Sends one request and waits for its answer: the result's JSON, or the error the plugin
    /// reported. A plugin that fails throws ``PluginFailure`` for this call and is stopped.
    func call(_ method: String, params: Data, budget: Duration) async throws -> Result<Data, PluginErrorAnswer> {
        _ = try await handshake()
        return try await send(method, params: params, timeout: budget + patience.grace)
    }

    // MARK: Starting and stopping

    private func start() async throws -> PluginHandshake {
        generation += 1
        let generation = generation
        let child: PluginChild
        do {
            child = try PluginChild(path: path, environment: environment, name: name, logger: logger)
        } catch {
            throw PluginFailure(plugin: name, problem: "could not be started (\(path))")
        }
        running = nil
        Task { [events = child.events] in
            for await event in events { await self.receive(event, generation: generation, child: child) }
        }
        let params = try JSONSerialization.data(withJSONObject: ["protocols": PluginProtocol.versions])
        let answer: Result<Data, PluginErrorAnswer>
        do {
            answer = try await send(
                PluginProtocol.handshakeMethod, params: params, timeout: patience.handshake,
                to: child, generation: generation, id: 0)
        } catch {
            child.stop()
            throw error
        }
        // The version first: a newer protocol's handshake may have another shape. The child is not
        // `running` yet, so each refusal stops it itself.
        guard case .success(let data) = answer, let version = try? JSONDecoder().decode(Version.self, from: data) else {
            child.stop()
            throw PluginFailure(plugin: name, problem: "answered the handshake with something that is not one")
        }
        guard PluginProtocol.versions.contains(version.protocol) else {
            let speaks = PluginProtocol.versions.map(String.init).joined(separator: ", ")
            child.stop()
            throw PluginFailure(
                plugin: name,
                problem:
                    "speaks transport protocol \(version.protocol); this channel-ledger speaks \(speaks); upgrade channel-ledger or use a plugin release for protocol \(speaks)"
            )
        }
        guard let handshake = try? JSONDecoder().decode(PluginHandshake.self, from: data) else {
            child.stop()
            throw PluginFailure(plugin: name, problem: "answered the handshake with something that is not one")
        }
        running = (child, handshake, generation)
        logger.debug("plugin \(name) \(handshake.version) started: protocol \(handshake.protocol)")
        return handshake
    }

    /// Stops the child of `generation` (if it is still the one) and fails every request waiting on it.
    private func stop(generation: Int, because reason: String) {
        if let running, running.generation == generation {
            running.child.stop()
            self.running = nil
        }
        for (id, request) in pending where request.generation == generation {
            pending[id] = nil
            request.timeout?.cancel()
            request.continuation.resume(throwing: PluginFailure(plugin: name, problem: reason))
        }
    }

    // MARK: Requests

    private func send(_ method: String, params: Data, timeout: Duration) async throws -> Result<Data, PluginErrorAnswer>
    {
        guard let running else { throw PluginFailure(plugin: name, problem: "stopped") }
        let id = nextID
        nextID += 1
        return try await send(
            method, params: params, timeout: timeout, to: running.child, generation: running.generation, id: id)
    }

    private func send(
        _ method: String, params: Data, timeout: Duration, to child: PluginChild, generation: Int, id: Int
    ) async throws -> Result<Data, PluginErrorAnswer> {
        var line = Data(#"{"id":\#(id),"method":"\#(method)","params":"#.utf8)
        line.append(params)
        line.append(contentsOf: Array("}\n".utf8))
        return try await withCheckedThrowingContinuation { continuation in
            pending[id] = Pending(
                continuation: continuation, generation: generation,
                timeout: Task {
                    try? await Task.sleep(for: timeout)
                    if !Task.isCancelled { self.expire(id, generation: generation, after: timeout) }
                })
            child.write(line) {
                Task { await self.inputClosed(generation: generation, child: child) }
            }
        }
    }

    /// A write the plugin did not take: it closed its input, most often by exiting, which its exit
    /// status says better (waited for up to a second, as at the end of its output: on a loaded
    /// machine the failed write can come before the exit is seen).
    private func inputClosed(generation: Int, child: PluginChild) async {
        let status = await child.exitStatus()
        stop(generation: generation, because: status.map { "exited (status \($0))" } ?? "closed its input")
    }

    /// A request still unanswered when its time is up: the plugin hangs; stop it.
    private func expire(_ id: Int, generation: Int, after timeout: Duration) {
        guard let request = pending[id], request.generation == generation else { return }
        let what = id == 0 ? "the handshake" : "request \(id)"
        stop(generation: generation, because: "did not answer \(what) within \(Self.seconds(timeout)) s")
    }

    /// What the child's stdout brought.
    private func receive(_ event: PluginChild.Event, generation: Int, child: PluginChild) async {
        switch event {
        case .line(let data):
            guard let answer = PluginAnswer(line: data), let request = pending[answer.id],
                request.generation == generation
            else {
                // Not a valid message, or an answer to nothing asked: no request can trust this stream.
                stop(generation: generation, because: "wrote something that is not a valid message")
                return
            }
            pending[answer.id] = nil
            request.timeout?.cancel()
            request.continuation.resume(returning: answer.outcome)
        case .tooLong:
            stop(generation: generation, because: "wrote a line longer than \(PluginProtocol.maximumLineLength) bytes")
        case .end:
            // Forgotten at once, so a call arriving meanwhile starts a new one.
            if running?.generation == generation { running = nil }
            let status = await child.exitStatus()
            child.stop()
            stop(generation: generation, because: status.map { "exited (status \($0))" } ?? "closed its output")
        }
    }

    /// The one field read before the rest of a handshake.
    private struct Version: Decodable {
        var `protocol`: Int
    }

    /// A duration in seconds as messages print it: `35`, `0.5`.
    static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let tenths = attoseconds / 100_000_000_000_000_000
        return tenths == 0 ? "\(seconds)" : "\(seconds).\(tenths)"
    }
}
