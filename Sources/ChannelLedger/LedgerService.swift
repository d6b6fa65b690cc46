import ChannelDomain
import EventSourcing
import Foundation
import Logging
import Transport

/// The application: runs commands through the deciders and answers queries from the read models.
///
/// It owns no I/O of its own beyond the ports it is given: the store, the transports, the
/// key material. The CLI is a thin shell over it.
public final class LedgerService: Sendable {
    /// The event store the service appends to and reads from.
    public let store: any EventStore
    /// Where queries read read models: the store's live models, or a fold up to a point (``asOf(_:)``).
    let reader: any ReadModelReader

    /// The read models queries answer from: the store's, or those of a fold (``asOf(_:)``).
    @_spi(Testing) public var readModels: any ReadModelReader { reader }
    /// Where the store lives, as the user named it but without any password.
    public let location: String
    let runner: CommandRunner
    /// What the executable wired: transports, stores, environment, logger, a fixed key.
    let configuration: LedgerConfiguration
    /// Why the read models must not be used (a newer version built them), if so: queries and
    /// commands that need them fail with it, while the log itself (history, verify, export,
    /// backup) stays readable.
    let readModelRefusal: LedgerError?
    /// The webhook subscriptions `serve` last read, with their stream's version.
    let webhookCache = Locked<WebhookBook?>(nil)
    /// The vault once loaded and checked: the key does not change while a process runs.
    let vaultCache = Locked<Vault?>(nil)
    /// Channel summaries decoded, by their bytes: intake reads every channel for each order.
    let channelMemo = SummaryMemo<ChannelSummary>(capacity: 10_000)
    /// The association flow as last folded, with the `association-rules` version it is at: intake
    /// decides every order with it, and the stream only ever grows, so a later read folds on from
    /// there instead of from its first event.
    let flowMemo = Locked<(version: Int64, state: AssociationFlowState)>((0, AssociationFlow.initialState))

    init(
        store: any EventStore, location: String, configuration: LedgerConfiguration,
        reader: (any ReadModelReader)? = nil, readModelRefusal: LedgerError? = nil
    ) {
        self.store = store
        self.reader = reader ?? store
        self.readModelRefusal = readModelRefusal
        self.configuration = configuration
        self.location = configuration.stores.displayName(location)
        self.runner = CommandRunner(store: store, logger: configuration.logger)
    }

    var transports: TransportRegistry { configuration.transports }
    var environment: [String: String] { configuration.environment }
    var logger: Logger { configuration.logger }
    /// A key given directly (the demo's ephemeral key); otherwise loaded by ``vault()``.
    var fixedKey: MasterKey? { configuration.fixedKey }
    var paths: LedgerPaths { LedgerPaths(environment: environment) }

    /// The projections every store of ChannelLedger runs inline.
    public static let projections: [any Projection] = [LedgerProjection(), OrderProjection()]

    /// Opens an initialized store (a SQLite path, or what the configuration's provider knows).
    ///
    /// Unless `formats` is ``FormatRequirement/any``, a ledger in another format than this build's
    /// is refused first, from its `ledger` stream read as it is: before any migration or rebuild,
    /// so the refusal changes nothing.
    public static func open(
        at location: String, configuration: LedgerConfiguration, formats: FormatRequirement = .current
    ) async throws -> LedgerService {
        try checkEventCatalog()
        if formats != .any { try await checkFormat(at: location, configuration: configuration, formats: formats) }
        let store = try await configuration.stores.open(location, projections: projections)
        var service = make(store: store, location: location, configuration: configuration)
        let statuses = try await service.projectionStatus()
        if let newer = statuses.first(where: { $0.state == .newer }) {
            service = LedgerService(
                store: store, location: location, configuration: configuration,
                readModelRefusal: .projectionNewer(newer.name, stored: newer.storedVersion ?? 0, code: newer.version))
        } else if configuration.rebuildsStaleProjections {
            try await service.rebuildStale(among: statuses, progress: configuration.rebuildProgress)
        }
        // The ledger's summary, or (its models invalidated by an import and not rebuilt, as for
        // `projections status` and `rebuild`) the ledger stream itself.
        if try await store.document(ReadModels.ledger, key: ReadModels.singletonKey) == nil,
            try await store.version(of: Streams.ledger) == 0
        {
            throw LedgerError.storeNotInitialized(path: service.location)
        }
        return service
    }

    /// Refuses a ledger in a format newer than this build's, and a single-account ledger (run
    /// `upgrade`) unless `formats` is ``FormatRequirement/upgradable``. A store that is not
    /// initialized passes: opening it says so.
    static func checkFormat(
        at location: String, configuration: LedgerConfiguration, formats: FormatRequirement
    ) async throws {
        let ledger = try Ledger.fold(
            try await configuration.stores.peek(Streams.ledger, at: location), codec: LedgerEvent.codec)
        guard ledger.isInitialized else { return }
        let shown = configuration.stores.displayName(location)
        if ledger.format == Ledger.singleAccountFormat, formats != .upgradable {
            throw LedgerError.singleAccountLedger(path: shown)
        }
        if ledger.format > Ledger.currentFormat {
            throw LedgerError.newerLedgerFormat(path: shown, format: ledger.format)
        }
    }

    /// Creates and initializes a store; an initialized store is left as it is.
    ///
    /// A store this call created but could not initialize is removed again.
    /// - Returns: the service and whether this call initialized the store.
    public static func initialize(at location: String, context: CommandContext, configuration: LedgerConfiguration)
        async throws -> (LedgerService, created: Bool)
    {
        try await initialize(at: location, context: context, configuration: configuration, format: Ledger.currentFormat)
    }

    /// Creates and initializes a store in a ledger format: the CLI writes ``Ledger/currentFormat``;
    /// the upgrade's fixture maker and tests write the single-account format (and a newer one, to
    /// see it refused).
    @_spi(Fixtures) public static func initialize(
        at location: String, context: CommandContext, configuration: LedgerConfiguration, format: Int
    ) async throws -> (LedgerService, created: Bool) {
        try checkEventCatalog()
        let (store, madeStore) = try await configuration.stores.create(location, projections: projections)
        let service = make(store: store, location: location, configuration: configuration)
        do {
            return (service, try await service.initializeLedger(context: context, format: format))
        } catch {
            if madeStore { await configuration.stores.discard(location) }
            throw error
        }
    }

    /// A service over any store, opened by the caller (tests: the in-memory store).
    @_spi(Testing) public static func make(store: any EventStore, location: String, configuration: LedgerConfiguration)
        -> LedgerService
    {
        LedgerService(store: store, location: location, configuration: configuration)
    }

    /// Records `LedgerInitialized` unless the store already has it; returns whether it did.
    public func initializeLedger(context: CommandContext, format: Int = Ledger.currentFormat) async throws -> Bool {
        if try await ledger() != nil { return false }
        let storeID = UUIDv7.make(at: context.now)
        let key = try fixedKey ?? MasterKey.establish(storeID: storeID, paths: paths, environment: environment)
        let changed: Bool
        do {
            changed = try await runner.run(
                Ledger.self, stream: Streams.ledger, codec: LedgerEvent.codec, context: context, payload: { $0.payload }
            ) { _ in
                .initialize(storeId: storeID, keyCheck: key.checkValue, schemaVersion: format)
            }
        } catch {
            removeUnusedKeyFile(key)
            throw error
        }
        if !changed { removeUnusedKeyFile(key) }  // another process initialized first
        return changed
    }

    private func removeUnusedKeyFile(_ key: MasterKey) {
        if case .keyFile(let path) = key.source { try? FileManager.default.removeItem(atPath: path) }
    }

    /// The vault for this store: the master key, checked against the store's key check value.
    public func vault() async throws -> Vault {
        if let vault = vaultCache.current { return vault }
        guard let ledger = try await ledger(), let storeID = ledger.state.storeId else {
            throw LedgerError.storeNotInitialized(path: location)
        }
        let key = try fixedKey ?? MasterKey.load(storeID: storeID, paths: paths, environment: environment)
        guard key.checkValue == ledger.state.keyCheck else { throw KeyError.mismatch(key.source) }
        let vault = Vault(masterKey: key)
        vaultCache.withLock { $0 = vault }
        return vault
    }

    // MARK: Read models

    /// Installation facts.
    public func ledger() async throws -> LedgerSummary? {
        try await decoded(LedgerSummary.self, ReadModels.ledger, ReadModels.singletonKey)
    }

    /// The connected app, if registered.
    public func connectedApp() async throws -> ConnectedAppSummary? {
        try await decoded(ConnectedAppSummary.self, ReadModels.connectedApp, ReadModels.singletonKey)
    }

    /// Every channel, oldest first.
    public func channels() async throws -> [ChannelSummary] {
        if let readModelRefusal { throw readModelRefusal }
        let decoder = ReadModelCodecs.decoder()
        return try await reader.documents(ReadModels.channel)
            .map { try channelMemo.decode($0.key, $0.data, with: decoder) }
            .sorted { ($0.createdAt, $0.state.name) < ($1.createdAt, $1.state.name) }
    }

    /// A channel by id or by name (NFC, trimmed, case-insensitive).
    public func channel(_ nameOrID: String) async throws -> ChannelSummary {
        if let id = UUID(uuidString: nameOrID.trimmingCharacters(in: .whitespaces)),
            let summary = try await channel(id: id)
        {
            return summary
        }
        if let readModelRefusal { throw readModelRefusal }
        if let owner = try await reader.claimOwner(ReadModels.channelNameClaim, value: ChannelName.key(nameOrID)),
            let id = UUID(uuidString: owner), let summary = try await channel(id: id)
        {
            return summary
        }
        throw LedgerError.channelNotFound(nameOrID)
    }

    /// A channel by id.
    public func channel(id: UUID) async throws -> ChannelSummary? {
        try await decoded(ChannelSummary.self, ReadModels.channel, id.uuidString.lowercased())
    }

    /// The display name of the channel holding a claim, unless it is `except`.
    func claimHolder(_ kind: String, _ value: String, except: UUID?) async throws -> String? {
        if let readModelRefusal { throw readModelRefusal }
        guard let owner = try await store.claimOwner(kind, value: value), let id = UUID(uuidString: owner),
            id != except
        else { return nil }
        return try await channel(id: id)?.state.name ?? owner
    }

    private func decoded<T: Decodable>(_ type: T.Type, _ model: String, _ key: String) async throws -> T? {
        if let readModelRefusal { throw readModelRefusal }
        guard let data = try await reader.document(model, key: key) else { return nil }
        return try ReadModelCodecs.decoder().decode(T.self, from: data)
    }
}
