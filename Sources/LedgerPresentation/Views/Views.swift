import ChannelDomain
import ChannelLedger
import EventSourcing
import Foundation

/// The JSON shapes of the CLI (Docs/cli.md). Times are RFC 3339 UTC with milliseconds,
/// UUIDs lower-case, absent values `null`.
public enum Views {
    /// A channel as `channels list --json` shows it.
    public static func channel(_ summary: ChannelSummary) -> JSONValue {
        let state = summary.state
        return .object([
            ("id", .string(state.id.map(uuid))),
            ("name", .string(state.name)),
            ("status", .string(state.status.rawValue)),
            ("credentials", .string(state.credentialsStatus.rawValue)),
            ("targetId", .string(state.credentials?.targetId ?? state.pending?.targetId)),
            ("clientId", .string(state.credentials?.clientId ?? state.pending?.clientId)),
            ("transport", .string(state.transport)),
            ("endpoint", .string(state.endpoint)),
            (
                "mappings",
                .object([
                    ("active", .int(Int64(state.activeMappingCount))), ("total", .int(Int64(state.mappings.count))),
                ])
            ),
            ("catalogVersion", .int(Int64(state.catalogVersion))),
            ("version", .int(summary.version)),
            ("createdAt", .string(summary.createdAt.rfc3339)),
            ("updatedAt", .string(summary.updatedAt.rfc3339)),
        ])
    }

    /// A channel as `channels show --json` and mutating commands show it: the list object plus detail.
    public static func channelDetail(_ summary: ChannelSummary) -> JSONValue {
        guard case .object(var members) = channel(summary) else { return .null }
        let state = summary.state
        members.append(("suspensionReason", .string(state.suspensionReason)))
        members.append(
            (
                "credentialsInForce",
                state.credentials.map { credentials in
                    .object([
                        ("clientId", .string(credentials.clientId)), ("targetId", .string(credentials.targetId)),
                        ("secretFingerprint", .string(credentials.fingerprint)),
                    ])
                } ?? .null
            ))
        members.append(
            (
                "pendingCredentials",
                state.pending.map { pending in
                    .object([
                        ("clientId", .string(pending.clientId)), ("targetId", .string(pending.targetId)),
                        ("secretFingerprint", .string(pending.secret.fingerprint)),
                        (
                            "failure",
                            pending.failure.map {
                                .object([("code", .string($0.code)), ("message", .string($0.message))])
                            }
                                ?? .null
                        ),
                    ])
                } ?? .null
            ))
        members.append(
            (
                "salesforce",
                state.published.map { published in
                    .object([
                        ("salesChannelId", .string(published.salesforceId)), ("name", .string(published.name)),
                        ("targetId", .string(published.targetId)),
                        ("publishedAt", .string(summary.publishedAt?.rfc3339)),
                        ("pending", .bool(state.needsPublication)),
                    ])
                } ?? .null
            ))
        members.append(("mappingDetails", mappings(state)))
        return .object(members)
    }

    /// A channel's mappings as `mappings list --json` shows them.
    public static func mappings(_ state: ChannelState) -> JSONValue {
        .array(
            state.mappings.map { mapping in
                let required = state.requiredFieldStatus(of: mapping.name) ?? []
                let requiredNames = Set(required.map(\.field))
                return .object([
                    ("name", .string(mapping.name)),
                    ("object", .string(mapping.object)),
                    ("status", .string(mapping.active ? "active" : "inactive")),
                    ("activatedCatalogVersion", mapping.activatedCatalogVersion.map { .int(Int64($0)) } ?? .null),
                    (
                        "requiredFields",
                        .array(
                            required.map {
                                .object([
                                    ("field", .string($0.field)), ("source", .string($0.source?.raw)),
                                    ("assigned", .bool($0.isAssigned)),
                                ])
                            })
                    ),
                    (
                        "otherFields",
                        .array(
                            mapping.fields.keys.filter { !requiredNames.contains($0) }.sorted().map {
                                .object([("field", .string($0)), ("source", .string(mapping.fields[$0]?.raw))])
                            })
                    ),
                ])
            })
    }

    /// The connected app as `connected-app show --json` shows it: the registration in force and the pending one.
    public static func connectedApp(_ summary: ConnectedAppSummary?) -> JSONValue {
        guard let summary else { return .null }
        let state = summary.state
        func registration(_ registration: ConnectedAppRegistration) -> [(String, JSONValue)] {
            [
                ("consumerKey", .string(registration.consumerKey)), ("myDomain", .string(registration.myDomain)),
                ("secretFingerprint", .string(registration.secretFingerprint)),
                ("transport", .string(registration.transport)),
            ]
        }
        return .object([
            ("authorization", .string(state.authorization.rawValue)),
            (
                "revoked",
                state.revocation.map {
                    .object(
                        registration($0.registration) + [
                            ("code", .string($0.failure.code)), ("message", .string($0.failure.message)),
                        ])
                } ?? .null
            ),
            (
                "inForce",
                state.inForce.map {
                    .object(registration($0) + [("authorizedAt", .string(summary.authorizedAt?.rfc3339))])
                } ?? .null
            ),
            (
                "pending",
                state.pending.map { pending in
                    .object(
                        registration(pending.registration) + [
                            (
                                "failure",
                                pending.failure.map {
                                    .object([("code", .string($0.code)), ("message", .string($0.message))])
                                } ?? .null
                            )
                        ])
                } ?? .null
            ),
            ("updatedAt", .string(summary.updatedAt.rfc3339)),
        ])
    }

    /// One event as a `history --json` line. Ciphertext never leaves the store: secrets show as fingerprints.
    public static func event(_ event: RecordedEvent) -> JSONValue {
        let payload =
            (try? JSONValue.parse(event.payload))?.removingKey("ciphertext")
            ?? .string(String(decoding: event.payload, as: UTF8.self))
        return .object([
            ("position", .int(event.position)),
            ("eventId", .string(uuid(event.id))),
            ("stream", .string(event.stream.rawValue)),
            ("version", .int(event.version)),
            ("type", .string(event.type)),
            ("schemaVersion", .int(Int64(event.schemaVersion))),
            ("recordedAt", .string(event.recordedAt.rfc3339)),
            ("actor", .string(event.metadata.actor)),
            ("correlationId", .string(event.metadata.correlationID.map(uuid))),
            ("causationId", .string(event.metadata.causationID.map(uuid))),
            ("source", .string(event.metadata.source)),
            ("payload", payload),
            ("hash", .string(event.hash.hexString)),
        ])
    }

    /// `verify --json` for an intact log.
    public static func verified(_ head: LogHead) -> JSONValue {
        .object([
            ("intact", .bool(true)), ("headPosition", .int(head.position)), ("headHash", .string(head.hash.hexString)),
        ])
    }

    /// `status --json`.
    public static func status(_ status: StoreStatus) -> JSONValue {
        .object([
            ("store", .string(status.location)),
            ("storeId", .string(status.storeID.map(uuid))),
            ("initializedAt", .string(status.initializedAt?.rfc3339)),
            ("schemaVersion", .int(Int64(status.schemaVersion))),
            ("ledgerFormat", status.ledgerFormat.map { .int(Int64($0)) } ?? .null),
            ("upgradedFrom", status.upgradedFrom.map { .int(Int64($0)) } ?? .null),
            ("keySource", .string(status.keySource?.description)),
            ("keyProblem", .string(status.keyProblem.map(FailureReport.message(of:)))),
            ("headPosition", .int(status.head.position)),
            ("headHash", .string(status.head.hash.hexString)),
            ("channels", .int(Int64(status.channels))),
        ])
    }

    /// `history show --json`: the event's fields, then how its hash chains.
    public static func eventDetail(_ detail: EventDetail) -> JSONValue {
        guard case .object(var members) = event(detail.event) else { return event(detail.event) }
        members.append(("previousHash", .string(detail.previousHash.hexString)))
        members.append(("hashChecks", .bool(detail.hashChecks)))
        members.append(("typeKnown", .bool(detail.typeIsKnown)))
        return .object(members)
    }

    /// `export --json` and `import --json`.
    public static func transfer(_ summary: TransferSummary, file: String) -> JSONValue {
        .object([
            ("file", .string(file)),
            ("events", .int(summary.events)),
            ("firstPosition", summary.positions.map { .int($0.lowerBound) } ?? .null),
            ("lastPosition", summary.positions.map { .int($0.upperBound) } ?? .null),
            ("headPosition", .int(summary.head.position)),
            ("headHash", .string(summary.head.hash.hexString)),
        ])
    }

    /// `backup --json` and `restore --json`.
    public static func backup(_ head: LogHead, file: String) -> JSONValue {
        .object([
            ("file", .string(file)), ("headPosition", .int(head.position)), ("headHash", .string(head.hash.hexString)),
        ])
    }

    /// `restore --json`: the backup's fields, and whether the store was there already.
    public static func restore(_ head: LogHead, file: String, alreadyRestored: Bool) -> JSONValue {
        .object([
            ("file", .string(file)), ("headPosition", .int(head.position)), ("headHash", .string(head.hash.hexString)),
            ("alreadyRestored", .bool(alreadyRestored)),
        ])
    }

    /// `stats --json`.
    public static func stats(_ stats: LogStats) -> JSONValue {
        func counts(_ counts: [String: Int]) -> JSONValue {
            .object(counts.sorted { $0.key < $1.key }.map { ($0.key, .int(Int64($0.value))) })
        }
        return .object([
            ("events", .int(Int64(stats.total))),
            ("firstPosition", stats.positions.map { .int($0.lowerBound) } ?? .null),
            ("lastPosition", stats.positions.map { .int($0.upperBound) } ?? .null),
            ("byType", counts(stats.byType)),
            ("byCategory", counts(stats.byCategory)),
            ("byActor", counts(stats.byActor)),
            ("byDay", counts(stats.byDay)),
        ])
    }

    /// One projection of `projections status --json`.
    public static func projection(_ status: ProjectionStatus) -> JSONValue {
        .object([
            ("name", .string(status.name)),
            ("state", .string(status.state.rawValue)),
            ("version", .int(Int64(status.version))),
            ("storedVersion", status.storedVersion.map { .int(Int64($0)) } ?? .null),
            ("checkpoint", .int(status.checkpoint)),
            ("head", .int(status.head)),
            ("lag", .int(status.lag)),
            (
                "rebuild",
                status.staged.map { .object([("version", .int(Int64($0.version))), ("position", .int($0.position))]) }
                    ?? .null
            ),
        ])
    }

    /// `settings list --json`: every setting, in key order of the catalog.
    public static func settings(_ settings: [SettingView]) -> JSONValue {
        .array(
            settings.map { setting in
                .object([
                    ("key", .string(setting.key.rawValue)), ("value", .string(setting.value)),
                    ("default", .string(setting.key.defaultValue)), ("isDefault", .bool(setting.isDefault)),
                    ("setBy", .string(setting.setBy)), ("setAt", .string(setting.setAt?.rfc3339)),
                ])
            })
    }

    /// A lower-case UUID.
    public static func uuid(_ id: UUID) -> String { id.uuidString.lowercased() }
}
