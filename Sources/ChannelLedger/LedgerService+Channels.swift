import ChannelDomain
import EventSourcing
import Foundation
import Transport

extension LedgerService {
    /// Creates a channel on a transport: the one named, else the connected app's; its Buy with
    /// Prime endpoint is the one given, else the transport's default.
    public func createChannel(named name: String, transport: String?, endpoint: String? = nil, context: CommandContext)
        async throws -> CommandResult<ChannelSummary>
    {
        if let transport { _ = try await transports.resolve(transport) }  // an unknown name fails before anything else
        let id = UUIDv7.make(at: context.now)
        let changed = try await runChannel(id, context) { _ in
            // Read on every attempt, with the app's authorization: without a transport named and no
            // authorized app to take one from, the decider refuses the creation for want of the app.
            let app = try await self.connectedApp()
            let authorized = app?.state.isAuthorized ?? false
            let descriptor = try await (transport ?? app?.state.inForce?.transport).asyncMap(self.transports.resolve)
            let taken = try await self.claimHolder(ReadModels.channelNameClaim, ChannelName.key(name), except: id)
            return .create(
                CreateChannel(
                    id: id, name: name, transport: descriptor?.name ?? "",
                    endpoint: endpoint ?? descriptor?.defaultBuyWithPrimeEndpoint,
                    catalogVersion: MappingCatalog.current.version,
                    connectedAppAuthorized: authorized, nameTakenBy: taken))
        }
        return try await result(id, changed: changed)
    }

    /// Moves a channel to another transport or endpoint (`channels transport`); its credentials in
    /// force are pending again until `authorizeChannel`. A live channel moves only with `suspend`.
    public func changeChannelTransport(
        _ nameOrID: String, to transport: String, endpoint: String?, suspend: Bool, context: CommandContext
    ) async throws -> CommandResult<ChannelSummary> {
        let descriptor = try await transports.resolve(transport)
        return try await channelCommand(nameOrID, context) { _, _ in
            .changeTransport(
                transport: descriptor.name, endpoint: endpoint ?? descriptor.defaultBuyWithPrimeEndpoint,
                suspend: suspend)
        }
    }

    /// Renames a channel.
    public func renameChannel(_ nameOrID: String, to newName: String, context: CommandContext) async throws
        -> CommandResult<ChannelSummary>
    {
        try await channelCommand(nameOrID, context) { id, _ in
            .rename(
                newName: newName,
                nameTakenBy: try await self.claimHolder(
                    ReadModels.channelNameClaim, ChannelName.key(newName), except: id))
        }
    }

    /// Enters Buy with Prime credentials (pending until authorized).
    ///
    /// The secret is asked for only once the channel exists and the master key is known to be right.
    public func enterCredentials(
        _ nameOrID: String, clientID: String, targetID: String, secret: () throws -> Secret, context: CommandContext
    ) async throws -> CommandResult<ChannelSummary> {
        // The domain's checks that need no secret come first: a bad ID, a taken target or an
        // archived channel is refused before anyone types a secret.
        let summary = try await channel(nameOrID)
        _ = try Channel.checkCredentials(
            clientID: clientID, targetID: targetID,
            targetTakenBy: try await claimHolder(ReadModels.targetIDClaim, targetID, except: summary.state.id),
            summary.state)
        let sealed = try await vault().seal(try secret())
        return try await channelCommand(nameOrID, context) { id, _ in
            .enterCredentials(
                clientID: clientID, targetID: targetID, secret: sealed,
                targetTakenBy: try await self.claimHolder(ReadModels.targetIDClaim, targetID, except: id))
        }
    }

    /// Authorizes the pending credentials against Buy with Prime through the channel's transport.
    ///
    /// A rejection is recorded (`AuthorizationFailed`) and reported in the result; an
    /// unreachable service throws and records nothing.
    public func authorizeChannel(_ nameOrID: String, context: CommandContext) async throws -> CommandResult<
        ChannelSummary
    > {
        let summary = try await channel(nameOrID)
        guard let id = summary.state.id else { throw LedgerError.channelNotFound(nameOrID) }
        guard let pending = try Channel.authorizationRequest(summary.state) else {
            return CommandResult(view: summary, changed: false)
        }
        let descriptor = try await transports.resolve(summary.state.transport)
        let settings = try await callSettings()
        let account = settings.account(
            clientID: pending.clientId, secret: try await vault().open(pending.secret), targetID: pending.targetId,
            endpoint: summary.state.endpoint)
        let outcome = try await authorization {
            _ = try await descriptor.buyWithPrime.authorize(account)
        }
        let changed = try await runChannel(id, context) { _ in
            .completeAuthorization(
                through: summary.state.destination, fingerprint: pending.secret.fingerprint, outcome: outcome)
        }
        var result = try await result(id, changed: changed)
        result.rejection = rejection(outcome, subject: .channel(result.view.state.name), service: .buyWithPrime)
        return result
    }

    /// Launches a ready channel; a connected app must be in force.
    public func launchChannel(_ nameOrID: String, context: CommandContext) async throws -> CommandResult<ChannelSummary>
    {
        try await channelCommand(nameOrID, context) { _, _ in
            .launch(connectedAppAuthorized: try await self.connectedAppAuthorized())
        }
    }

    /// Suspends a live channel.
    public func suspendChannel(_ nameOrID: String, reason: String, context: CommandContext) async throws
        -> CommandResult<ChannelSummary>
    {
        try await channelCommand(nameOrID, context) { _, _ in .suspend(reason: reason) }
    }

    /// Resumes a suspended channel after re-checking every launch gate, the connected app in force included.
    public func resumeChannel(_ nameOrID: String, context: CommandContext) async throws -> CommandResult<ChannelSummary>
    {
        try await channelCommand(nameOrID, context) { _, _ in
            .resume(connectedAppAuthorized: try await self.connectedAppAuthorized())
        }
    }

    /// Archives a channel for good, freeing its target ID.
    public func archiveChannel(_ nameOrID: String, context: CommandContext) async throws -> CommandResult<
        ChannelSummary
    > {
        try await channelCommand(nameOrID, context) { _, _ in .archive }
    }

    /// Changes a mapping's object or fields (only while it is inactive).
    ///
    /// - Parameter fields: `SF_FIELD=SOURCE` as typed (`SF_FIELD=` unassigns).
    public func configureMapping(
        _ nameOrID: String, mapping: String, object: String?, fields texts: [String], context: CommandContext
    ) async throws -> CommandResult<ChannelSummary> {
        let fields = try texts.map { text in
            guard let assignment = try FieldAssignment(parsing: text) else {
                throw LedgerError.malformedFieldAssignment(text)
            }
            return assignment
        }
        return try await channelCommand(nameOrID, context) { _, _ in
            .configureMapping(name: mapping, object: object, fields: fields)
        }
    }

    /// Activates the named mappings, or all of them when `names` is nil.
    public func activateMappings(_ nameOrID: String, names: [String]?, context: CommandContext) async throws
        -> CommandResult<ChannelSummary>
    {
        try await channelCommand(nameOrID, context) { _, _ in
            names.map { .activateMappings($0) } ?? .activateAllMappings
        }
    }

    /// Deactivates a mapping; on a live channel only with `suspend`, which suspends it.
    public func deactivateMapping(_ nameOrID: String, mapping: String, suspend: Bool, context: CommandContext)
        async throws -> CommandResult<ChannelSummary>
    {
        try await channelCommand(nameOrID, context) { _, _ in .deactivateMapping(mapping, suspend: suspend) }
    }

    // MARK: Plumbing

    /// Whether a connected app registration is in force: the fact create, launch and resume carry.
    private func connectedAppAuthorized() async throws -> Bool {
        try await connectedApp()?.state.isAuthorized ?? false
    }

    private func channelCommand(
        _ nameOrID: String, _ context: CommandContext,
        _ command: @escaping (UUID, ChannelState) async throws -> ChannelCommand
    ) async throws -> CommandResult<ChannelSummary> {
        let summary = try await channel(nameOrID)
        guard let id = summary.state.id else { throw LedgerError.channelNotFound(nameOrID) }
        let changed = try await runChannel(id, context) { state in try await command(id, state) }
        return try await result(id, changed: changed)
    }

    private func runChannel(
        _ id: UUID, _ context: CommandContext, _ command: (ChannelState) async throws -> ChannelCommand
    ) async throws -> Bool {
        try await runner.run(
            Channel.self, stream: Streams.channel(id), codec: ChannelEvent.codec, context: context,
            payload: { $0.payload }, command: command)
    }

    /// Asks a service; a rejection becomes an outcome to record, anything else propagates (nothing recorded).
    func authorization(_ call: () async throws -> Void) async throws -> AuthorizationOutcome {
        do {
            try await call()
            return .authorized
        } catch TransportError.rejected(_, let code, let message) {
            // What a service says is recorded for good: one line, bounded (an answer may be 1 MiB).
            return .rejected(code: Self.recordable(code, limit: 100), message: Self.recordable(message, limit: 300))
        }
    }

    /// The error a recorded rejection still reports to the user.
    func rejection(_ outcome: AuthorizationOutcome, subject: RejectedSubject, service: Service) -> LedgerError? {
        guard case .rejected(let code, let message) = outcome else { return nil }
        return .authorizationRejected(subject: subject, service: service, code: code, message: message)
    }

    private func result(_ id: UUID, changed: Bool) async throws -> CommandResult<ChannelSummary> {
        guard let summary = try await channel(id: id) else {
            throw LedgerError.channelNotFound(id.uuidString.lowercased())
        }
        return CommandResult(view: summary, changed: changed)
    }

    /// `text` as the log keeps a service's words: control characters as spaces, at most `limit`
    /// characters (cut with `…`).
    static func recordable(_ text: String, limit: Int) -> String {
        let line = String(
            text.map {
                $0.isNewline || $0.unicodeScalars.contains { $0.properties.generalCategory == .control } ? " " : $0
            })
        return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }
}
