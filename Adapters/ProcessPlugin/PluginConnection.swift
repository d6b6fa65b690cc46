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

    /// A request waiting for its answer.
    private struct Pending {
        var continuation: CheckedContinuation<Result<Data, PluginErrorAnswer>, any Error>
        var generation: Int
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
        guard case .success(let data) = answer,
            let handshake = try? JSONDecoder().decode(PluginHandshake.self, from: data)
        else {
            let problem = "answered the handshake with something that is not one"
            stop(generation: generation, because: problem)
            throw PluginFailure(plugin: name, problem: problem)
        }
        guard PluginProtocol.versions.contains(handshake.protocol) else {
            let speaks = PluginProtocol.versions.map(String.init).joined(separator: ", ")
            stop(generation: generation, because: "speaks another protocol")
            throw PluginFailure(
                plugin: name,
                problem:
                    "speaks transport protocol \(handshake.protocol); this channel-ledger speaks \(speaks); upgrade channel-ledger or use a plugin release for protocol \(speaks)"
            )
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
            pending[id] = Pending(continuation: continuation, generation: generation)
            do {
                try child.write(line)
            } catch {
                stop(generation: generation, because: "closed its input")
                return
            }
            Task {
                try? await Task.sleep(for: timeout)
                await self.expire(id, generation: generation, after: timeout)
            }
        }
    }

    /// A request still unanswered when its time is up: the plugin hangs; stop it.
    private func expire(_ id: Int, generation: Int, after timeout: Duration) {
        guard let request = pending[id], request.generation == generation else { return }
        stop(generation: generation, because: "did not answer within \(timeout.components.seconds) s")
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
            request.continuation.resume(returning: answer.outcome)
        case .tooLong:
            stop(generation: generation, because: "wrote a line longer than \(PluginProtocol.maximumLineLength) bytes")
        case .end:
            let status = await child.exitStatus()
            stop(generation: generation, because: status.map { "exited (status \($0))" } ?? "closed its output")
        }
    }
}
