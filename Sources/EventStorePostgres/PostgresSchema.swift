/// The store's schema: numbered migrations of plain SQL, applied in order under an advisory lock
/// and recorded in `channel_ledger_migrations`; never edited once released.
///
/// Each migration is a list of single statements (the extended protocol runs one statement per
/// query). The tables mirror the SQLite store's: integer stream ids, `UNIQUE(stream_id, version)`
/// and `UNIQUE(event_id)` carry the invariants, payloads are `bytea` stored exactly as given.
enum PostgresSchema {
    /// One numbered migration.
    struct Migration: Sendable {
        let version: Int
        let name: String
        let statements: [String]
    }

    /// The table recording which migrations are applied.
    static let migrationsTable = "channel_ledger_migrations"

    /// Tables a store creates; finding any of them without ``migrationsTable`` means the schema is someone else's.
    static let tables = [
        "streams", "events", "documents", "claims", "checkpoints", "staged_rebuilds", "staged_documents",
        "staged_claims", "subject_keys", "leases", "work_attempts", "snapshot_marks", "snapshot_rows",
    ]

    /// `classid` of the advisory lock serializing appends ("CLdg"); the `objid` is `hashtext(schema)`.
    static let appendLockClass: Int32 = 0x434C_6467
    /// `classid` of the advisory lock serializing migrations ("CLdm").
    static let migrationLockClass: Int32 = 0x434C_646D

    /// Every migration of the store, oldest first.
    static let migrations: [Migration] = [
        Migration(version: 1, name: "event-log", statements: v1),
        Migration(version: 2, name: "staged-rebuilds", statements: v2),
        Migration(version: 3, name: "subject-keys", statements: v3),
        Migration(version: 4, name: "leases", statements: v4),
        Migration(version: 5, name: "work-attempts", statements: v5),
        Migration(version: 6, name: "snapshots", statements: v6),
        Migration(version: 7, name: "snapshot-bases", statements: v7),
        Migration(version: 8, name: "append-functions", statements: v8),
    ]

    static let createMigrationsTable = """
        CREATE TABLE channel_ledger_migrations (
            version    INTEGER     PRIMARY KEY,
            name       TEXT        NOT NULL,
            applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """

    /// The event log, its streams and the inline read models.
    static let v1 = [
        """
        CREATE TABLE streams (
            id      BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name    TEXT COLLATE "C" NOT NULL UNIQUE,
            version BIGINT       NOT NULL CHECK (version >= 0)
        )
        """,
        """
        CREATE TABLE events (
            position       BIGINT NOT NULL PRIMARY KEY CHECK (position >= 1),
            event_id       UUID   NOT NULL UNIQUE,
            stream_id      BIGINT NOT NULL REFERENCES streams (id),
            version        BIGINT NOT NULL CHECK (version >= 1),
            type           TEXT   NOT NULL,
            schema_version BIGINT NOT NULL,
            recorded_at    BIGINT NOT NULL,
            actor          TEXT   NOT NULL,
            correlation_id UUID,
            causation_id   UUID,
            source         TEXT   NOT NULL,
            payload        BYTEA  NOT NULL,
            hash           BYTEA  NOT NULL CHECK (octet_length(hash) = 32),
            UNIQUE (stream_id, version)
        )
        """,
        "COMMENT ON COLUMN events.recorded_at IS 'milliseconds since 1970-01-01T00:00:00Z'",
        "COMMENT ON COLUMN events.hash IS 'SHA-256 chain: see Docs/event-format.md'",
        """
        CREATE TABLE documents (
            model TEXT COLLATE "C" NOT NULL,
            key   TEXT COLLATE "C" NOT NULL,
            data  BYTEA NOT NULL,
            PRIMARY KEY (model, key)
        )
        """,
        """
        CREATE TABLE claims (
            kind  TEXT COLLATE "C" NOT NULL,
            value TEXT COLLATE "C" NOT NULL,
            owner TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (kind, value)
        )
        """,
        """
        CREATE TABLE checkpoints (
            name     TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            version  BIGINT NOT NULL,
            position BIGINT NOT NULL
        )
        """,
    ]

    /// Staging areas for projection rebuilds: models built aside, then swapped in (blue/green).
    static let v2 = [
        """
        CREATE TABLE staged_rebuilds (
            name     TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            version  BIGINT NOT NULL,
            position BIGINT NOT NULL,
            owner    UUID   NOT NULL
        )
        """,
        """
        CREATE TABLE staged_documents (
            projection TEXT COLLATE "C" NOT NULL,
            model      TEXT COLLATE "C" NOT NULL,
            key        TEXT COLLATE "C" NOT NULL,
            data       BYTEA NOT NULL,
            PRIMARY KEY (projection, model, key)
        )
        """,
        """
        CREATE TABLE staged_claims (
            projection TEXT COLLATE "C" NOT NULL,
            kind       TEXT COLLATE "C" NOT NULL,
            value      TEXT COLLATE "C" NOT NULL,
            owner      TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (projection, kind, value)
        )
        """,
    ]

    /// Subject keys beside the log, outside its hash chain (already sealed by the application).
    static let v3 = [
        """
        CREATE TABLE subject_keys (
            subject TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            sealed  BYTEA NOT NULL
        )
        """
    ]

    /// Leases on work beside the log (the publisher's): one holder until it expires.
    static let v4 = [
        """
        CREATE TABLE leases (
            name       TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            holder     TEXT   NOT NULL,
            expires_at BIGINT NOT NULL
        )
        """
    ]

    /// Failed attempts of leased work (the publisher's orders): counts and retry times, beside the log.
    static let v5 = [
        """
        CREATE TABLE work_attempts (
            work     TEXT COLLATE "C" NOT NULL,
            subject  TEXT COLLATE "C" NOT NULL,
            target   TEXT   NOT NULL,
            count    INTEGER NOT NULL CHECK (count >= 1),
            reason   TEXT   NOT NULL,
            last_at  BIGINT NOT NULL,
            retry_at BIGINT NOT NULL,
            PRIMARY KEY (work, subject)
        )
        """
    ]

    /// Snapshots of the read models at marks of the log, for `--as-of`: beside the log, outside
    /// its hash chain, rebuilt when missing. Each mark keeps the rows changed since the one before.
    static let v6 = [
        """
        CREATE TABLE snapshot_marks (
            position    BIGINT NOT NULL PRIMARY KEY CHECK (position >= 1),
            previous    BIGINT NOT NULL CHECK (previous >= 0 AND previous < position),
            fingerprint TEXT   NOT NULL,
            latest_time BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE snapshot_rows (
            kind     TEXT COLLATE "C" NOT NULL CHECK (kind IN ('d', 'c')),
            name     TEXT COLLATE "C" NOT NULL,
            key      TEXT COLLATE "C" NOT NULL,
            position BIGINT NOT NULL,
            data     BYTEA,
            PRIMARY KEY (kind, name, key, position)
        )
        """,
    ]

    /// As-of snapshots packed (decision 29): each mark holds its rows in one compressed value
    /// (``SnapshotPack``), names the full mark it is read from and counts the changed rows kept
    /// since. A mark and its rows are one row, so neither can go without the other. Snapshots
    /// are rebuilt when missing, so those of version 6 are dropped rather than moved (the marks'
    /// table stays, with the grants of Docs/postgres.md).
    static let v7 = [
        "DROP TABLE snapshot_rows",
        "DELETE FROM snapshot_marks",
        """
        ALTER TABLE snapshot_marks
            ADD COLUMN base    BIGINT NOT NULL DEFAULT 0 CHECK (base >= 0 AND base <= position),
            ADD COLUMN carried BIGINT NOT NULL DEFAULT 0 CHECK (carried >= 0),
            ADD COLUMN rows    BYTEA  NOT NULL DEFAULT ''
        """,
    ]

    /// Fewer round trips per append (decision 33). The procedure `channel_ledger_append`
    /// (``PostgresAppendCall``) reads, under the append lock, the head, the versions of the
    /// appends' streams and the checkpoints of the store's projections, and returns them without
    /// writing (`written` false) if any differs from what the caller chained its batches from;
    /// otherwise it writes what ``PostgresAppendTransaction``'s statements write for appends
    /// changing no read model (stream rows, events, the current projections' checkpoints, the
    /// NOTIFY), checks that every event was inserted, and commits before it answers (INOUT
    /// parameters, so PostgreSQL 11 and later). `channel_ledger_lock_and_start`
    /// (``PostgresGroupStart/LockedStartQuery``) takes the lock and reads where appends start.
    /// Both run with the caller's rights and search path (the store's schema); no table changes,
    /// so the grants of Docs/postgres.md stay as they were.
    static let v8 = [
        """
        CREATE PROCEDURE channel_ledger_append(
            lock_class integer, lock_name text, known_position bigint, known_hash bytea,
            projection_names text[], known_names text[], known_versions bigint[],
            stream_names text[], stream_versions bigint[], stream_last_versions bigint[],
            e_streams text[], e_positions bigint[], e_ids uuid[], e_versions bigint[], e_types text[],
            e_schema_versions bigint[], e_recorded_ats bigint[], e_actors text[], e_has_correlations boolean[],
            e_correlation_ids uuid[], e_has_causations boolean[], e_causation_ids uuid[], e_sources text[],
            e_payloads bytea[], e_hashes bytea[],
            current_names text[], current_versions bigint[], notify_channel text,
            INOUT written boolean, INOUT head_position bigint, INOUT head_hash bytea,
            INOUT found_names text[], INOUT found_versions bigint[],
            INOUT checkpoint_names text[], INOUT checkpoint_versions bigint[]
        ) LANGUAGE plpgsql AS $$
        DECLARE
            inserted bigint;
        BEGIN
            written := false;
            PERFORM pg_advisory_xact_lock(lock_class, hashtext(lock_name));
            SELECT position, hash INTO head_position, head_hash FROM events ORDER BY position DESC LIMIT 1;
            head_position := coalesce(head_position, 0);
            SELECT coalesce(array_agg(name), '{}'), coalesce(array_agg(version), '{}')
                INTO found_names, found_versions FROM streams WHERE name = ANY (stream_names);
            SELECT coalesce(array_agg(name), '{}'), coalesce(array_agg(version), '{}')
                INTO checkpoint_names, checkpoint_versions FROM checkpoints WHERE name = ANY (projection_names);
            IF head_position <> known_position OR (head_position > 0 AND head_hash <> known_hash)
                OR EXISTS (SELECT FROM unnest(stream_names, stream_versions) AS k(name, version)
                    LEFT JOIN unnest(found_names, found_versions) AS f(name, version) ON f.name = k.name
                    WHERE coalesce(f.version, 0) <> k.version)
                OR cardinality(checkpoint_names) <> cardinality(known_names)
                OR EXISTS (SELECT FROM unnest(checkpoint_names, checkpoint_versions) AS c(name, version)
                    WHERE NOT EXISTS (SELECT FROM unnest(known_names, known_versions) AS k(name, version)
                        WHERE k.name = c.name AND k.version = c.version)) THEN
                RETURN;
            END IF;
            WITH moved AS (
                INSERT INTO streams (name, version) SELECT * FROM unnest(stream_names, stream_last_versions)
                ON CONFLICT (name) DO UPDATE SET version = excluded.version
                RETURNING id, name
            )
            INSERT INTO events (position, event_id, stream_id, version, type, schema_version, recorded_at, actor,
                correlation_id, causation_id, source, payload, hash)
            SELECT b.position, b.event_id, moved.id, b.version, b.type, b.schema_version, b.recorded_at, b.actor,
                CASE WHEN b.has_correlation THEN b.correlation_id END,
                CASE WHEN b.has_causation THEN b.causation_id END,
                b.source, b.payload, b.hash
            FROM unnest(e_streams, e_positions, e_ids, e_versions, e_types, e_schema_versions, e_recorded_ats,
                e_actors, e_has_correlations, e_correlation_ids, e_has_causations, e_causation_ids, e_sources,
                e_payloads, e_hashes)
                AS b(stream, position, event_id, version, type, schema_version, recorded_at, actor, has_correlation,
                    correlation_id, has_causation, causation_id, source, payload, hash)
            JOIN moved ON moved.name = b.stream;
            GET DIAGNOSTICS inserted = ROW_COUNT;
            IF inserted <> cardinality(e_positions) THEN
                RAISE EXCEPTION 'channel_ledger_append: % of % events had a stream', inserted, cardinality(e_positions);
            END IF;
            INSERT INTO checkpoints (name, version, position)
            SELECT p.name, p.version, e_positions[cardinality(e_positions)]
            FROM unnest(current_names, current_versions) AS p(name, version)
            ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position;
            PERFORM pg_notify(notify_channel, e_positions[cardinality(e_positions)]::text);
            COMMIT;
            written := true;
        END
        $$
        """,
        """
        CREATE FUNCTION channel_ledger_lock_and_start(
            lock_class integer, lock_name text, stream_names text[], projection_names text[],
            OUT head_position bigint, OUT head_hash bytea, OUT checkpoint_names text[], OUT checkpoint_versions bigint[],
            OUT found_names text[], OUT found_versions bigint[]
        ) LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_advisory_xact_lock(lock_class, hashtext(lock_name));
            SELECT position, hash INTO head_position, head_hash FROM events ORDER BY position DESC LIMIT 1;
            SELECT array_agg(name), array_agg(version) INTO checkpoint_names, checkpoint_versions
                FROM checkpoints WHERE name = ANY (projection_names);
            SELECT array_agg(name), array_agg(version) INTO found_names, found_versions
                FROM streams WHERE name = ANY (stream_names);
        END
        $$
        """,
    ]
}
